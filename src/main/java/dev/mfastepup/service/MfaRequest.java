package dev.mfastepup.service;

import dev.mfastepup.session.SessionTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * One step of a user in a flow: the request, its session and tokens, the signed-in user and the tenant.
 */
record MfaRequest(HttpServletRequest request, HttpSession session, SessionTokens tokens, String subject,
        String domain) {
}
