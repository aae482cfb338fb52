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

// Lets a photo be dropped onto a file field's box; choosing it with the field itself works the same.
(function () {
    "use strict";
    document.querySelectorAll("input[type=file][data-drop]").forEach(function (field) {
        const zone = field.closest(".field");
        if (!zone || typeof DataTransfer === "undefined") {
            return;
        }

        zone.classList.add("drop-zone");
        const hint = document.createElement("p");
        hint.className = "hint";
        hint.textContent = field.dataset.drop;
        field.after(hint);
        zone.addEventListener("dragover", function (event) {
            if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
                event.preventDefault();
                zone.classList.add("drop-active");
            }
        });
        zone.addEventListener("dragleave", function () {
            zone.classList.remove("drop-active");
        });
        zone.addEventListener("drop", function (event) {
            zone.classList.remove("drop-active");
            if (!event.dataTransfer || event.dataTransfer.files.length === 0) {
                return;
            }

            event.preventDefault();
            const chosen = new DataTransfer();
            chosen.items.add(event.dataTransfer.files[0]);
            field.files = chosen.files;
            field.dispatchEvent(new Event("change", { bubbles: true }));
        });
    });
})();
