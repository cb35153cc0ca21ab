// Articles suggested while a customer types a request (see kb_suggest.rs, which renders the
// empty `aside[data-kb-suggest]` with the form's token and the words). Plain JavaScript
// inlined in every page beside the islands router, so that no page's WebAssembly grows for
// it: as a WebAssembly island it cost every page 15 KB gzip (60 KB with a reactive list and
// the generated server-function client).
//
// 400 ms after the last keystroke in the title, description, device or software field it
// posts those fields to `suggest_articles` (the server function, `Accept: application/json`)
// and lists what comes back, `Vec<model::Suggestion>`: `{id, title, snippet, related}`, the
// title and snippet as `[{text, hit}]` segments, hits in <mark>. Built with text nodes only:
// nothing from the server is parsed as HTML. On a request's page it also puts an article's
// reference (`KB-12`) into staff's reply when they tap it.
(() => {
	const FIELDS = ["nr-title", "nr-description", "nr-device", "nr-system"];
	let timer = 0;
	let last = "";
	const aside = () => document.querySelector("aside[data-kb-suggest]");
	const value = (id) => (document.getElementById(id) || {}).value || "";
	const marked = (parent, segments) => {
		for (const s of segments || []) {
			if (s.hit) {
				const m = document.createElement("mark");
				m.textContent = s.text;
				parent.append(m);
			} else parent.append(s.text);
		}
	};
	const show = (a, list) => {
		const ul = a.querySelector("ul");
		ul.replaceChildren();
		if (!list.length) {
			a.hidden = true;
			return;
		}
		a.querySelector(".kb-suggest-count").textContent = a.dataset.heading.replace("{n}", list.length);
		for (const s of list) {
			const li = document.createElement("li");
			const link = document.createElement("a");
			link.href = `/kb/${s.id}?from=${encodeURIComponent(a.dataset.token)}`;
			marked(link, s.title);
			li.append(link);
			if (s.related) {
				const b = document.createElement("span");
				b.className = "badge";
				b.textContent = a.dataset.related;
				li.append(" ", b);
			}
			const p = document.createElement("p");
			p.className = "snippet small";
			marked(p, s.snippet);
			li.append(p);
			ul.append(li);
		}
		a.hidden = false;
	};
	const ask = async () => {
		const a = aside();
		if (!a) return;
		const [title, description, device, system] = FIELDS.map(value);
		const key = [title, description, device, system].join("\u0001");
		if (key === last) return;
		last = key;
		if (title.trim().length + description.trim().length < 2) return show(a, []);
		const body = new URLSearchParams({ token: a.dataset.token, title, description, device, system });
		try {
			const res = await fetch("/api/suggest_articles", {
				method: "POST",
				headers: { Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
				body,
			});
			// Typed on meanwhile: a later answer is coming.
			if (res.ok && key === last) show(a, await res.json());
		} catch {
			// Offline or signed out: the last suggestions stay.
		}
	};
	document.addEventListener("input", (e) => {
		if (!aside() || !FIELDS.includes(e.target.id)) return;
		clearTimeout(timer);
		timer = setTimeout(ask, 400);
	});
	document.addEventListener("change", (e) => {
		if (aside() && FIELDS.includes(e.target.id)) ask();
	});
	document.addEventListener("click", (e) => {
		// Staff: an article's reference into the reply at the caret (the request page).
		const insert = e.target.closest && e.target.closest("button[data-kb-insert]");
		const box = document.getElementById("reply-body");
		if (insert && box) {
			const ref = insert.dataset.kbInsert;
			const [from, to] = [box.selectionStart ?? box.value.length, box.selectionEnd ?? box.value.length];
			const before = box.value.slice(0, from);
			const text = (before && !/\s$/.test(before) ? " " : "") + ref + " ";
			box.setRangeText(text, from, to, "end");
			box.focus();
			// The reply's draft keeps it (drafts.rs listens to input).
			box.dispatchEvent(new Event("input", { bubbles: true }));
			return;
		}
		const button = e.target.closest && e.target.closest("aside[data-kb-suggest] button");
		if (!button) return;
		const a = aside();
		const open = a.querySelector("ul").classList.toggle("open");
		button.setAttribute("aria-expanded", String(open));
		button.querySelector(".muted").textContent = open ? a.dataset.hide : a.dataset.show;
	});
	// A new-request form opened (or a draft put back into it): suggest for what is there.
	const start = () => {
		last = "";
		if (aside()) setTimeout(ask, 100);
	};
	document.addEventListener("portal:page", start);
	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
	else start();
})();
