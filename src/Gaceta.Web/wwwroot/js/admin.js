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
