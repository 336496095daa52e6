<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Token claims"/>
<%@ include file="header.jspf" %>
<h1>Token claims</h1>
<p>The session holds an access token for <code><c:out value="${audience}"/></code>, granted scope
    <code><c:out value="${grantedScope}"/></code>, valid until <c:out value="${expiresAt}"/>. Its claims
    (the token itself is not shown):</p>
<table>
    <thead><tr><th>Claim</th><th>Value</th></tr></thead>
    <tbody>
    <c:forEach var="claim" items="${claims}">
        <tr><td><code><c:out value="${claim.key}"/></code></td><td><c:out value="${claim.value}"/></td></tr>
    </c:forEach>
    </tbody>
</table>
<%@ include file="footer.jspf" %>
