// Idea board maps. Progressive enhancement: without JavaScript the page
// shows the list of ideas (and coordinate fields on the form). Map tiles come
// from another host, so nothing is loaded before the visitor clicks
// "Show the map"; the choice is remembered in this browser only.
(() => {
    "use strict";
    const CONSENT_KEY = "portal-map-consent";
    const POTSDAM = [52.3906, 13.0645];

    const consented = () => {
        try { return window.localStorage.getItem(CONSENT_KEY) === "yes"; } catch { return false; }
    };
    const rememberConsent = () => {
        try { window.localStorage.setItem(CONSENT_KEY, "yes"); } catch { /* private mode */ }
    };

    function readJson(id) {
        const script = id ? document.getElementById(id) : null;
        if (!script) return [];
        try { return JSON.parse(script.textContent); } catch { return []; }
    }
    const readPoints = (box) => readJson(box.dataset.points);

    // The quarters' boundaries (portal/geo.py, the same corners the server
    // checks a pin against), and the map opens on the chosen quarter.
    function drawQuarters(box, map) {
        const shapes = readJson(box.dataset.shapes);
        if (!shapes.length) return;
        const layers = new Map();
        for (const shape of shapes) {
            const polygon = window.L.polygon(shape.corners, {
                color: "#0b5d4b", weight: 3, fillOpacity: 0.08, interactive: false,
                className: "idea-map__quarter",
            }).addTo(map);
            polygon.bindTooltip(shape.name, { permanent: true, direction: "center", className: "idea-map__quarter-label" });
            layers.set(String(shape.id), { polygon, bounds: shape.bounds });
        }
        const select = box.dataset.quarterField && document.getElementById(box.dataset.quarterField);
        const all = window.L.latLngBounds(shapes.flatMap((shape) => shape.bounds));
        const focus = () => {
            const chosen = select && layers.get(select.value);
            map.fitBounds(chosen ? chosen.bounds : all, { padding: [16, 16] });
            box.dataset.focus = chosen ? select.value : "all";
            for (const [id, layer] of layers) {
                layer.polygon.setStyle({ weight: chosen && id === select.value ? 4 : 2 });
            }
        };
        focus();
        if (select) select.addEventListener("change", focus);
    }

    function showMap(box) {
        if (!window.L || box.dataset.ready) return;
        box.dataset.ready = "true";
        const canvas = box.querySelector("[data-map-canvas]");
        const button = box.querySelector("[data-map-consent]");
        canvas.hidden = false;
        if (button) button.hidden = true;
        const map = window.L.map(canvas, { scrollWheelZoom: false }).setView(POTSDAM, 12);
        window.L.tileLayer(box.dataset.tileUrl, {
            attribution: box.dataset.attribution,
            maxZoom: 19,
        }).addTo(map);

        const points = readPoints(box);
        const markers = points.map((point) => {
            const marker = window.L.marker([point.lat, point.lng], { title: point.title, alt: point.title });
            const link = document.createElement("a");
            link.href = (box.dataset.boardUrl || "") + point.ref + "/";
            link.textContent = point.title;
            const popup = document.createElement("div");
            popup.append(link, document.createElement("br"), point.status);
            marker.bindPopup(popup);
            return marker.addTo(map);
        });
        if (markers.length > 1) {
            map.fitBounds(window.L.featureGroup(markers).getBounds().pad(0.2));
        } else if (markers.length === 1) {
            map.setView(markers[0].getLatLng(), 16);
        }

        drawQuarters(box, map);

        if (box.dataset.pick === "true") {
            const form = box.closest("form");
            const lat = form && form.querySelector("[name=latitude]");
            const lng = form && form.querySelector("[name=longitude]");
            let picked = null;
            const place = (latlng) => {
                if (picked) picked.setLatLng(latlng); else picked = window.L.marker(latlng).addTo(map);
            };
            if (lat && lng && lat.value && lng.value) {
                place([Number(lat.value), Number(lng.value)]);
                map.setView([Number(lat.value), Number(lng.value)], 16);
            }
            map.on("click", (event) => {
                place(event.latlng);
                if (lat && lng) {
                    lat.value = event.latlng.lat.toFixed(6);
                    lng.value = event.latlng.lng.toFixed(6);
                }
            });
        }
    }

    document.addEventListener("DOMContentLoaded", () => {
        for (const box of document.querySelectorAll("[data-idea-map]")) {
            const button = box.querySelector("[data-map-consent]");
            if (!button) continue;
            if (consented()) {
                showMap(box);
                continue;
            }
            button.hidden = false;
            button.addEventListener("click", () => {
                rememberConsent();
                showMap(box);
            });
        }
    });
})();
