// Company directory map: progressive enhancement of the list view.
// Tiles come from an external server, so they load only after the visitor
// agreed (remembered in this browser only). Leaflet itself is served locally.
(function () {
    "use strict";
    const CONSENT_KEY = "portal-map-consent";

    function showMap(canvas) {
        if (!window.L || canvas.dataset.ready) return;
        canvas.dataset.ready = "1";
        canvas.hidden = false;
        const markers = JSON.parse(
            document.getElementById(canvas.dataset.markers).textContent || "[]"
        );
        const map = window.L.map(canvas, { scrollWheelZoom: false });
        window.L.tileLayer(canvas.dataset.tileUrl, {
            attribution: canvas.dataset.attribution,
            maxZoom: 19,
        }).addTo(map);
        const bounds = [];
        for (const marker of markers) {
            const point = [marker.lat, marker.lng];
            const link = document.createElement("a");
            link.href = marker.url;
            link.textContent = marker.title;
            window.L.marker(point, { title: marker.title, alt: marker.title })
                .bindPopup(link)
                .addTo(map);
            bounds.push(point);
        }
        if (bounds.length) {
            map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
        } else {
            map.setView([52.375, 13.11], 13);
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        const canvas = document.getElementById("directory-map");
        const consent = document.querySelector("[data-map-consent]");
        if (!canvas || !consent) return;
        let agreed = false;
        try {
            agreed = window.localStorage.getItem(CONSENT_KEY) === "yes";
        } catch (error) {
            agreed = false;
        }
        if (agreed) {
            showMap(canvas);
            return;
        }
        consent.hidden = false;
        consent.querySelector("[data-map-consent-button]").addEventListener("click", () => {
            try {
                window.localStorage.setItem(CONSENT_KEY, "yes");
            } catch (error) {
                // Private mode: agree for this page only.
            }
            consent.hidden = true;
            showMap(canvas);
            canvas.focus();
        });
    });
})();
