package dev.ofauthqueue.adapter.vertx.archfixture;

/** Bad on purpose: a mapper of the adapter made public. */
public class PublicWireMapper {}
