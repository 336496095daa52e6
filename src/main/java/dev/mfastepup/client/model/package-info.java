/**
 * The JSON-B records of Auth0's Authentication API as far as MFA step-up uses it: token answers, authenticators,
 * enrollment and challenge requests and answers, and error bodies. Unknown fields are ignored, so that Auth0 can
 * add fields without breaking the module; every record that holds a token, code or secret leaves it out of
 * {@code toString()}.
 */
package dev.mfastepup.client.model;
