// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
    // On small screens the main menu folds behind a button.
    for (const nav of document.querySelectorAll("[data-menu]")) {
        const toggle = nav.querySelector(".main-nav__toggle");
        if (!toggle) continue;
        // CSS folds and shows the menu (portal.css); the script changes
        // nothing on load, so the first paint is the final one.
        const media = window.matchMedia("(min-width: 60em)");
        media.addEventListener("change", () => {
            if (media.matches) toggle.setAttribute("aria-expanded", "false");
        });
        toggle.addEventListener("click", () => {
            const open = toggle.getAttribute("aria-expanded") === "true";
            toggle.setAttribute("aria-expanded", String(!open));
        });
        nav.addEventListener("keydown", (event) => {
            if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
                toggle.setAttribute("aria-expanded", "false");
                toggle.focus();
            }
        });
    }
});
