<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" isErrorPage="true" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="No access token"/>
<%@ include file="header.jspf" %>
<%-- Shown for an AccessTokenException other than mfa_required (MfaStepUpFilter handles that one). Its code is
     stable and its message never contains a token or a secret. --%>
<c:set var="failure" value="${requestScope['jakarta.servlet.error.exception']}"/>
<h1>No access token for the reports API</h1>
<p class="error">Auth0 could not give an access token: <code><c:out value="${failure.code()}"/></code>
    (<c:out value="${failure.message}"/>).</p>
<p>If you signed in before the tenant's settings changed, <a href="${pageContext.request.contextPath}/home">go
    home</a> and sign out and in again.</p>
<%@ include file="footer.jspf" %>
