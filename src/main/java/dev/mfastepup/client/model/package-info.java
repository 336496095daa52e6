/**
 * The JSON-B records of Auth0's Authentication API as far as MFA step-up uses it: token answers, authenticators,
 * enrollment and challenge requests and answers, and error bodies. Unknown fields are ignored, so that Auth0 can
 * add fields without breaking the module; every record that holds a token, code or secret leaves it out of
 * {@code toString()}.
 *
 * <p><strong>Internal.</strong> Nothing here is API: its types are public only so that the module's packages can
 * use each other, and they may change in any release. The API is listed in {@code docs/api.md}.
 */
package dev.mfastepup.client.model;
