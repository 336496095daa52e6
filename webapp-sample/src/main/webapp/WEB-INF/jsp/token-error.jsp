<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" isErrorPage="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="No access token"/>
<%@ include file="header.jspf" %>
<%-- Shown for an AccessTokenException other than mfa_required (MfaStepUpFilter handles that one). Its code is
     stable and its message never contains a token or a secret. --%>
<c:set var="failure" value="${requestScope['jakarta.servlet.error.exception']}"/>
<c:set var="code" value="${failure.code()}"/>
<c:set var="unavailable" value="${code == 'idp_unavailable' or code == 'idp_busy' or code == 'idp_bad_response'}"/>
<c:set var="signIn" value="${code == 'missing_refresh_token' or code == 'invalid_grant' or code == 'refresh_token_error'}"/>
<%-- A deliberate status instead of the container's 500: Auth0 away is 503, a sign-in that can no longer get tokens
     401, anything else 502 (Auth0 answered, but not with a token). --%>
<% response.setStatus(Boolean.TRUE.equals(pageContext.getAttribute("unavailable")) ? 503
        : Boolean.TRUE.equals(pageContext.getAttribute("signIn")) ? 401 : 502); %>
<h1>No access token for the reports API</h1>
<c:choose>
    <c:when test="${unavailable}">
        <p class="error">Auth0 could not be asked for a token just now (<code><c:out value="${code}"/></code>).
            Nothing was lost: <a href="">try again</a> in a moment.</p>
    </c:when>
    <c:when test="${signIn}">
        <p class="error">Your sign-in can no longer get tokens (<code><c:out value="${code}"/></code>): it expired
            or was revoked. Sign out and in again.</p>
    </c:when>
    <c:otherwise>
        <p class="error">Auth0 could not give an access token: <code><c:out value="${code}"/></code>
            (<c:out value="${failure.message}"/>).</p>
        <p>If you signed in before the tenant's settings changed, <a href="${pageContext.request.contextPath}/home">go
            home</a> and sign out and in again.</p>
    </c:otherwise>
</c:choose>
<%@ include file="footer.jspf" %>
