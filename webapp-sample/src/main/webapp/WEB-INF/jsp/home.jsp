<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Home"/>
<%@ include file="header.jspf" %>
<h1>Welcome, <c:out value="${name}"/></h1>
<p>You are signed in<c:if test="${not empty email}"> as <c:out value="${email}"/></c:if>
    (<code><c:out value="${subject}"/></code>) at
    <c:choose>
        <c:when test="${sampleConfig.emulator}">the built-in Auth0 emulator</c:when>
        <c:otherwise>the Auth0 tenant</c:otherwise>
    </c:choose>
    <code><c:out value="${sampleConfig.issuer}"/></code>.</p>

<p>Signing in took one factor. The reports API (<code>https://reports.example.com</code>) wants a second one:</p>
<ul>
    <li><a href="${pageContext.request.contextPath}/reports">Reports</a>: the page asks mfa-stepup for an access
        token for the reports API. The first time, Auth0 answers <code>mfa_required</code>, and you are taken
        through a second factor and back to the page, still signed in.</li>
    <li><a href="${pageContext.request.contextPath}/approvals">Approvals</a>: the approvals API wants a second factor
        given at Universal Login in the last five minutes, and says so with an RFC 9470 challenge.</li>
    <li><a href="${pageContext.request.contextPath}/account/security">Security settings</a>: a second factor given
        in the last 30 seconds, whatever token the session holds.</li>
    <li><a href="${pageContext.request.contextPath}/claims">Token claims</a>: what the access token the step-up
        got says (never the token itself).</li>
</ul>
<c:if test="${sampleConfig.emulator}">
    <p>No phone needed: the emulator's <a href="${sampleConfig.deviceUrl}" target="_blank" rel="noopener">device
        page</a> shows the codes it sends by SMS, voice and email, and approves or denies push notifications. For
        the authenticator app, scan the QR code with any TOTP app.</p>
</c:if>
<%@ include file="fetch-report.jspf" %>
<%@ include file="footer.jspf" %>
