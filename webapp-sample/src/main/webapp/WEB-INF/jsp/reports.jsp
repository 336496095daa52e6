<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Reports"/>
<%@ include file="header.jspf" %>
<h1>Reports</h1>
<c:choose>
    <c:when test="${not empty report}">
        <p>The reports API accepted the access token (signature, issuer, audience, expiry) and answered:</p>
        <h2><c:out value="${report.title}"/></h2>
        <p>Prepared for <code><c:out value="${report.preparedFor}"/></code> on <c:out value="${report.date}"/>.</p>
        <table>
            <thead><tr><th>Quarter</th><th>Revenue (<c:out value="${report.currency}"/>)</th></tr></thead>
            <tbody>
            <c:forEach var="row" items="${report.rows}">
                <tr><td><c:out value="${row.quarter}"/></td><td class="number"><c:out value="${row.revenue}"/></td></tr>
            </c:forEach>
            </tbody>
        </table>
    </c:when>
    <c:when test="${apiUnreachable}">
        <p class="error">The reports API did not answer in time. Your sign-in and its extra check are kept:
            reload this page in a moment.</p>
    </c:when>
    <c:otherwise>
        <p class="error">The reports API refused the token (<c:out value="${apiStatus}"/>):
            <c:out value="${apiError}"/></p>
    </c:otherwise>
</c:choose>

<%@ include file="fetch-report.jspf" %>
<%@ include file="footer.jspf" %>
