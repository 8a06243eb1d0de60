/**
 * Every Java example of README.md and docs/, compiled and run by the build: each marks the part README shows with
 * {@code tag::readme[]} and {@code end::readme[]}, and the module's tests check that README shows it as written and
 * prints what README says.
 */
package dev.ofauthqueue.examples;
