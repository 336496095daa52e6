<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" %>
<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Security settings"/>
<%@ include file="header.jspf" %>
<h1 id="security-settings">Security settings</h1>
<p>This page asks for a second factor given within the last 30 seconds (the <code>FreshSecondFactorFilter</code> on
    <code>/account/*</code>). Reload it after half a minute and you are asked again.</p>
<%@ include file="footer.jspf" %>
