/**
 * The second factor of a step-up flow: {@link dev.mfastepup.service.MfaService} lists, enrolls, challenges and
 * verifies factors through Auth0's MFA API on the session's pending step-up, and puts the new token into the
 * session on success. Pages (Faces, JSP, or an application's own) sit on this service and never handle a token.
 */
package dev.mfastepup.service;
