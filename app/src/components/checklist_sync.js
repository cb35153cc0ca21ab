// The phone's side of the on-site checklist (an inspection's `form[data-offline]`, posted to
// `/inspections/:id/answers`, see server/src/inspection_form.rs). Plain JavaScript inlined in
// every page beside the islands router, so that no page's WebAssembly grows for it.
//
// Every answer is kept in localStorage (`inspection:<id>:pending`) the moment it is entered,
// then posted as the same form fields with `Accept: application/json` (204: saved; 4xx: the
// status line says so and the values stay). What cannot be sent (no network) stays on the
// phone and goes when the browser is online again (the `online` event, and every 10 s), also
// after a reload or a closed tab. A sent value leaves the queue only if it was not changed
// again meanwhile. Without JavaScript the form posts every answer at once.
(() => {
	const key = (f) => `inspection:${f.dataset.offline}:pending`;
	const load = (k) => {
		try {
			return JSON.parse(localStorage.getItem(k) || "{}");
		} catch {
			return {};
		}
	};
	const store = (k, p) => (Object.keys(p).length ? localStorage.setItem(k, JSON.stringify(p)) : localStorage.removeItem(k));
	const form = () => document.querySelector("form[data-offline]");
	const answerField = (name) => /^[an]:/.test(name || "");
	const say = (text) => {
		const s = document.getElementById("sync-status");
		if (s) s.textContent = text;
	};
	const show = (f) => {
		const n = Object.keys(load(key(f))).length;
		say(n ? f.dataset.waiting.replace("{n}", n) : f.dataset.saved);
	};
	let sending = false;

	async function flush() {
		const f = form();
		if (!f || sending) return;
		const k = key(f);
		const batch = load(k);
		if (!Object.keys(batch).length) return show(f);
		sending = true;
		say(f.dataset.sending);
		let res;
		try {
			res = await fetch(f.getAttribute("action"), {
				method: "POST",
				headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
				body: new URLSearchParams(batch),
			});
		} catch {
			sending = false;
			return show(f);
		}
		sending = false;
		if (!res.ok) return say(f.dataset.refused);
		const now = load(k);
		for (const [name, value] of Object.entries(batch)) if (now[name] === value) delete now[name];
		store(k, now);
		// Answered while this batch was on its way (a change during a send returns at once
		// above): send those now, not at the next 10 s tick.
		if (Object.keys(now).length) return flush();
		show(f);
		// The page shows what the server made of the answers (findings).
		window.__portalRefresh?.();
	}

	function keep(f, pairs) {
		const k = key(f);
		const p = load(k);
		for (const [name, value] of pairs) if (answerField(name)) p[name] = value;
		store(k, p);
		flush();
	}

	document.addEventListener("change", (ev) => {
		const f = ev.target.form;
		if (!f || !f.hasAttribute("data-offline") || !answerField(ev.target.name)) return;
		keep(f, [[ev.target.name, new FormData(f).get(ev.target.name) ?? ""]]);
	});
	// Before the islands router: the form is ours.
	document.addEventListener(
		"submit",
		(ev) => {
			const f = ev.target;
			if (!(f instanceof HTMLFormElement) || !f.hasAttribute("data-offline")) return;
			ev.preventDefault();
			keep(f, new FormData(f));
		},
		true,
	);
	window.addEventListener("online", flush);
	setInterval(flush, 10_000);

	// A page with the checklist (loaded, or arrived by a soft navigation): what the phone
	// kept goes back into the form, then out to the server.
	function start() {
		const f = form();
		if (!f) return;
		// A refresh diffed the server's page in: the status line came back empty.
		if (f.$$synced) return show(f);
		f.$$synced = true;
		for (const [name, value] of Object.entries(load(key(f)))) {
			for (const el of f.querySelectorAll(`[name="${CSS.escape(name)}"]`)) {
				if (el.type === "radio") el.checked = el.value === value;
				else el.value = value;
			}
		}
		show(f);
		flush();
	}
	document.addEventListener("portal:page", start);
	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
	else start();
})();
