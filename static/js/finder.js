// Vacancy finder: add to / remove from the shortlist without reloading the
// page. Progressive enhancement only: the same POST forms work without this
// file (the server then redirects back with a message).
document.addEventListener("DOMContentLoaded", () => {
    const live = document.createElement("p");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    document.body.append(live);

    const setCount = (count) => {
        for (const element of document.querySelectorAll("[data-shortlist-count]")) {
            element.textContent = String(count);
        }
    };

    for (const form of document.querySelectorAll("[data-shortlist-form]")) {
        form.addEventListener("submit", async (event) => {
            event.preventDefault();
            const button = form.querySelector("button[type=submit]");
            const action = form.querySelector("input[name=action]");
            button.disabled = true;
            try {
                // getAttribute, not form.action: the <input name="action">
                // below shadows the form's action property.
                const response = await fetch(form.getAttribute("action"), {
                    method: "POST",
                    body: new FormData(form),
                    headers: { Accept: "application/json" },
                    credentials: "same-origin",
                });
                if (!response.ok) throw new Error(`shortlist: ${response.status}`);
                const data = await response.json();
                live.textContent = data.message || "";
                if (typeof data.count === "number") setCount(data.count);
                if (!data.ok) return;
                if (form.hasAttribute("data-remove-entry")) {
                    form.closest("li")?.remove();
                    return;
                }
                const added = action.value === "add";
                action.value = added ? "remove" : "add";
                const hidden = button.querySelector(".visually-hidden");
                button.textContent = added ? button.dataset.labelRemove : button.dataset.labelAdd;
                if (hidden) button.append(hidden);
                button.classList.toggle("button--secondary", added);
            } catch (error) {
                form.submit(); // fall back to the plain form
            } finally {
                button.disabled = false;
            }
        });
    }

    for (const button of document.querySelectorAll("[data-copy]")) {
        const field = document.querySelector(button.dataset.copy);
        if (!field || !navigator.clipboard) continue;
        button.hidden = false;
        button.addEventListener("click", async () => {
            await navigator.clipboard.writeText(field.value);
            live.textContent = button.dataset.copied;
        });
    }
});
