// Staff area enhancements; every form works without them.
// Suggests an address (slug) from the headline while the slug field is still empty.
(function () {
    "use strict";
    const headline = document.querySelector("[data-slug-source]");
    const slug = document.querySelector("[data-slug-target]");
    if (!headline || !slug || slug.readOnly) {
        return;
    }

    headline.addEventListener("change", async function () {
        if (slug.value.trim() !== "" || headline.value.trim() === "") {
            return;
        }

        const query = new URLSearchParams({ language: slug.dataset.language, headline: headline.value });
        const response = await fetch("/admin/api/slug?" + query.toString(), { headers: { Accept: "application/json" } });
        if (response.ok && slug.value.trim() === "") {
            slug.value = (await response.json()).slug;
        }
    });
})();

// Adds a copy button beside read-only fields meant for copying (the poll embed marker).
(function () {
    "use strict";
    document.querySelectorAll("input[data-copy]").forEach(function (field) {
        if (!navigator.clipboard) {
            return;
        }

        const button = document.createElement("button");
        button.type = "button";
        button.className = "button-secondary";
        button.textContent = field.dataset.copyLabel;
        const status = document.createElement("span");
        status.setAttribute("role", "status");
        button.addEventListener("click", async function () {
            await navigator.clipboard.writeText(field.value);
            status.textContent = field.dataset.copiedLabel;
        });
        field.after(button, status);
    });
})();
