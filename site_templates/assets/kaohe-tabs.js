// The theme's partials/javascripts/content.html, moved out of an inline <script> (CSP: no inline scripts).
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
