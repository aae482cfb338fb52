// Enhances the poll forms inside articles: votes without a page reload, and results instead of the form for
// a browser that has already voted. Without this script the same forms work as plain HTML forms.
(() => {
    "use strict";
    const loadedAt = performance.now();

    const votedPolls = () => {
        // Named __Host-gaceta_voted when the site is served over https.
        const cookie = document.cookie.split("; ").find((c) => /^(__Host-)?gaceta_voted=/.test(c));
        return cookie ? cookie.substring(cookie.indexOf("=") + 1).split(".") : [];
    };

    const swap = (section, html, focus) => {
        const template = document.createElement("template");
        template.innerHTML = html.trim();
        const fresh = template.content.firstElementChild;
        if (!fresh) {
            return null;
        }
        section.replaceWith(fresh);
        enhance(fresh);
        if (focus) {
            // The most useful thing to read first: what went wrong, else what happened, else where we are.
            const target = [".error-summary", ".poll-notice", ".poll-problem", ".poll-title"]
                .map((selector) => fresh.querySelector(selector))
                .find((element) => element) || fresh;
            if (!target.hasAttribute("tabindex")) {
                target.setAttribute("tabindex", "-1");
            }
            target.focus();
        }
        return fresh;
    };

    const withFragment = (address) => {
        const url = new URL(address, document.baseURI);
        url.searchParams.set("fragment", "1");
        return url;
    };

    const enhance = (section) => {
        const form = section.querySelector("form.poll-form");
        if (!form) {
            return;
        }
        form.addEventListener("submit", async (event) => {
            event.preventDefault();
            form.elements.namedItem("elapsed").value = String(Math.round(performance.now() - loadedAt));
            const button = form.querySelector("button[type=submit]");
            button.disabled = true;
            try {
                const response = await fetch(withFragment(form.action), {
                    method: "POST",
                    body: new FormData(form),
                    credentials: "same-origin",
                    headers: { Accept: "text/html" },
                });
                const html = await response.text();
                if (response.headers.get("content-type")?.startsWith("text/html") && html.trim()) {
                    if (response.status === 403 || response.status === 429 || response.status === 409 && !html.includes("poll-results")) {
                        section.querySelector(".poll-problem-box")?.remove();
                        const problem = document.createElement("div");
                        problem.className = "poll-problem-box";
                        problem.innerHTML = html;
                        form.before(problem);
                        button.disabled = false;
                        problem.firstElementChild?.setAttribute("tabindex", "-1");
                        problem.firstElementChild?.focus();
                        return;
                    }
                    swap(section, html, true);
                    return;
                }
            } catch {
                // Fall through to a plain submission.
            }
            form.submit();
        });
    };

    const voted = votedPolls();
    document.querySelectorAll(".poll[data-poll]").forEach(async (section) => {
        if (voted.includes(section.dataset.poll) && section.dataset.results) {
            try {
                const response = await fetch(withFragment(section.dataset.results), { headers: { Accept: "text/html" } });
                if (response.ok) {
                    swap(section, await response.text(), false);
                    return;
                }
            } catch {
                // Keep the form.
            }
        }
        enhance(section);
    });
})();
