package dev.ofauthqueue;

/** Bad fixture: a public type in the public package that the surface does not name. */
public final class UnplannedPublicType {

    private UnplannedPublicType() {}
}
