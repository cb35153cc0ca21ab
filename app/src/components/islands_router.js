// The portal's islands router: Leptos's islands_routing.js (leptos 0.8.23,
// src/hydration/islands_routing.js), adapted. Links and form posts to this site become soft
// navigations: fetch the page's HTML, diff it into the document, hydrate the islands that are
// new, push the address. Differences from the original:
// - `window.__portalRefresh()`: refetch the current address and diff it in with no history
//   entry and no view transition (the live feed calls it: `LiveRefresh` island);
// - an island whose props changed (or that the new page does not have) is replaced by the new
//   one, which is then hydrated afresh (the original always kept the old island, so a request's
//   clocks kept the facts of the first render);
// - attributes the new page no longer has are removed (the original only set, so `disabled`,
//   `aria-current`, `hidden` and `aria-invalid` stuck), except `data-hydrated` on <html>;
// - multipart forms (file uploads) and links or forms marked `data-reload` are left to the
//   browser; the pressed submit button's name and value are sent (`new FormData(form, submitter)`);
//   the address, method and encoding come from the attributes (a control named `action`
//   shadows `form.action`: Leptos posted the request page's action forms to `[object …]`);
// - a form being sent carries `aria-busy="true"` and is not sent twice;
// - a response that is not HTML (a CSV, a file) or a failed fetch is loaded the ordinary way;
// - a push navigation scrolls to the top (or the #fragment); form fields take the new page's
//   values when the path changes or a post worked (`__done`), and keep what is typed
//   otherwise (a refresh, a refused post);
// - the diff is structural (see `diffChildren`), not Leptos's walk in step over both
//   documents, which lost its place after a list that changed length; rows with a key keep
//   their elements when the list changes length;
// - a live refresh never cancels a navigation the person started (it is skipped meanwhile).
(() => {
let NAVIGATION = 0;
// Whether form fields take the new page's values (a navigation) or keep what is typed (a refresh).
let RESET_VALUES = true;

// A person's own navigations in flight. A live refresh while one is under way would cancel it
// (the newest navigation wins) and leave the person on the old page; the page they are going
// to is fetched fresh anyway, so the refresh is skipped instead.
let USER_NAVIGATIONS = 0;

async function userNavigation(req, opts) {
	USER_NAVIGATIONS += 1;
	try {
		await navigateToPage(req, opts);
	} finally {
		USER_NAVIGATIONS -= 1;
	}
}

window.addEventListener("click", async (ev) => {
	const req = clickToReq(ev);
	if (!req) return;
	ev.preventDefault();
	await userNavigation(req, { transition: true });
});

window.addEventListener("popstate", async () => {
	await userNavigation(new Request(window.location), { transition: true, replace: true, keepScroll: true });
});

window.addEventListener("submit", async (ev) => {
	if (ev.defaultPrevented) return;
	const req = submitToReq(ev);
	if (!req) return;
	ev.preventDefault();
	// Sending: the form says so (style: a waiting cursor, dimmed buttons) and a second press
	// is ignored until the answer is in, so a slow network never posts a form twice.
	const form = ev.target;
	if (form.getAttribute("aria-busy") === "true") return;
	form.setAttribute("aria-busy", "true");
	try {
		await userNavigation(req, { transition: true });
	} finally {
		form.removeAttribute("aria-busy");
	}
});

window.__portalRefresh = () => {
	if (USER_NAVIGATIONS > 0) return;
	return navigateToPage(new Request(window.location.href), { replace: true, keepScroll: true, refresh: true });
};

async function navigateToPage(req, opts) {
	NAVIGATION += 1;
	const currentNav = NAVIGATION;
	req.headers.append("Islands-Router", "true");
	let resp;
	try {
		resp = await fetch(req);
	} catch (e) {
		if (!opts.refresh) window.location.href = req.url;
		return;
	}
	const type = resp.headers.get("content-type") || "";
	if (!type.startsWith("text/html")) {
		if (!opts.refresh) window.location.href = resp.url || req.url;
		return;
	}
	const htmlString = await resp.text();
	if (NAVIGATION !== currentNav) return;
	const url = resp.redirected ? resp.url : req.url;
	// A refresh that was answered with another page (signed out meanwhile: the sign-in page)
	// becomes that page's address.
	const replace = opts.replace && !(opts.refresh && resp.redirected);
	const transition = async () => {
		try {
			// Another page: its form fields start from the server's values. The same page (a
			// refresh, or a post that came back with an error): what is typed stays.
			// A post that worked comes back to its page with `__done` (server::form_done): its
			// form starts empty again.
			const next = new URL(url);
			RESET_VALUES = !opts.refresh && (next.pathname !== window.location.pathname || next.searchParams.has("__done"));
			diffPages(htmlString);
			hydrateNewIslands();
		} catch (e) {
			console.error(e);
		}
	};
	if (opts.transition && document.startViewTransition) {
		await document.startViewTransition(transition).updateCallbackDone;
	} else {
		await transition();
	}
	// Page scripts that look for their elements (components/checklist_sync.js).
	document.dispatchEvent(new Event("portal:page"));
	if (replace) {
		window.history.replaceState(undefined, "", url);
	} else {
		window.history.pushState(undefined, "", url);
	}
	if (!opts.keepScroll) {
		const hash = new URL(url).hash;
		const target = hash && document.getElementById(decodeURIComponent(hash.slice(1)));
		if (target) target.scrollIntoView();
		else window.scrollTo(0, 0);
	}
}

function hydrateNewIslands() {
	for (const island of document.querySelectorAll("leptos-island")) {
		if (!island.$$hydrated) {
			island.$$hydrated = true;
			window.__hydrateIsland(island, island.dataset.component);
		}
	}
}

function clickToReq(ev) {
	if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.altKey || ev.ctrlKey || ev.shiftKey) return;
	const a = ev.composedPath().find((el) => el instanceof Node && el.nodeName.toUpperCase() === "A");
	if (!a) return;
	const svg = a.namespaceURI === "http://www.w3.org/2000/svg";
	const href = svg ? a.href.baseVal : a.href;
	const target = svg ? a.target.baseVal : a.target;
	if (target || !href) return;
	const rel = (a.getAttribute("rel") || "").split(/\s+/);
	if (a.hasAttribute("download") || a.hasAttribute("data-reload") || rel.includes("external")) return;
	const url = svg ? new URL(href, document.baseURI) : new URL(href);
	if (url.origin !== window.location.origin) return;
	// A jump within the page.
	if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
	return new Request(url);
}

function submitToReq(ev) {
	const form = ev.target instanceof HTMLFormElement ? ev.target : ev.target.form;
	if (!form) return;
	// Attributes, not `form.action`/`form.method`/`form.enctype`: a control named `action`
	// (the request page's action forms have one) shadows the property, and the post went to
	// `/requests/[object HTMLInputElement]` (Leptos's own router has the same bug).
	const enctype = ev.submitter?.getAttribute("formenctype") || form.getAttribute("enctype") || "";
	if (form.hasAttribute("data-reload") || enctype.toLowerCase() === "multipart/form-data") return;
	const method = (ev.submitter?.getAttribute("formmethod") || form.getAttribute("method") || "get").toUpperCase();
	if (method !== "GET" && method !== "POST") return;
	const url = new URL(ev.submitter?.getAttribute("formaction") || form.getAttribute("action") || window.location.href, document.baseURI);
	if (url.origin !== window.location.origin) return;
	const data = new FormData(form, ev.submitter || undefined);
	const params = new URLSearchParams();
	for (const [key, value] of data.entries()) {
		if (typeof value === "string") params.append(key, value);
	}
	const init = { headers: { Accept: "text/html" } };
	let path = url.pathname;
	if (method === "GET") {
		path += `?${params.toString()}`;
	} else {
		path += url.search;
		init.method = "POST";
		init.body = params;
	}
	return new Request(path, init);
}

function diffPages(htmlString) {
	const doc = new DOMParser().parseFromString(htmlString, "text/html");
	diffChildren(document.documentElement, doc.documentElement, false);
}

// A structural diff rather than Leptos's walk over both documents in step: Leptos marks
// branches (`bo`/`bc` comments) but not lists built with `collect_view`, so a list that grew
// by one shifted every node after it and the rest of the page was diffed against the wrong
// nodes (a form's error message never appeared). Here a parent whose children differ in
// number or kind has them replaced (copies of the new ones); otherwise each child is diffed in
// place, so the elements, their typed values and focus survive.
function diffChildren(oldEl, newEl, isRoot) {
	if (!isRoot) diffAttributes(oldEl, newEl);
	const oldKids = oldEl.childNodes;
	const newKids = newEl.childNodes;
	let same = oldKids.length === newKids.length;
	for (let i = 0; same && i < oldKids.length; i++) {
		same = oldKids[i].nodeType === newKids[i].nodeType && oldKids[i].nodeName === newKids[i].nodeName;
	}
	if (!same) {
		// Rows came or went. A row with a key (`data-number`, or an `id`) keeps its element,
		// and so what a person chose in it (the engineer picked on a triage card), when other
		// rows arrive around it; the rest is taken from the new page.
		const keyOf = (n) => (n.nodeType === Node.ELEMENT_NODE ? n.getAttribute("data-number") || n.id || null : null);
		const kept = new Map();
		for (const o of oldKids) {
			const k = keyOf(o);
			if (k && o.tagName !== "LEPTOS-ISLAND") kept.set(o.tagName + "#" + k, o);
		}
		const next = Array.from(newKids, (n) => {
			const k = keyOf(n);
			const o = k ? kept.get(n.tagName + "#" + k) : undefined;
			if (!o) return document.importNode(n, true);
			kept.delete(n.tagName + "#" + k);
			diffChildren(o, n, false);
			return o;
		});
		oldEl.replaceChildren(...next);
		return;
	}
	for (let i = 0; i < oldKids.length; i++) {
		const o = oldKids[i];
		const n = newKids[i];
		if (o.nodeType === Node.TEXT_NODE || o.nodeType === Node.COMMENT_NODE) {
			if (o.textContent !== n.textContent) o.textContent = n.textContent;
		} else if (o.nodeType === Node.ELEMENT_NODE) {
			if (o.tagName === "LEPTOS-ISLAND") {
				// Keep a live island while it is the same island with the same props (its state
				// survives); otherwise the new one replaces it and is hydrated afresh.
				if (o.dataset.component !== n.dataset.component || o.getAttribute("data-props") !== n.getAttribute("data-props")) {
					o.replaceWith(document.importNode(n, true));
				}
			} else if (o.tagName === "SCRIPT") {
				// Scripts of the new page do not run; keep the old ones.
			} else {
				diffChildren(o, n, false);
			}
		}
	}
}

function diffAttributes(oldEl, newEl) {
	for (const attr of newEl.attributes) {
		if (oldEl.getAttribute(attr.name) !== attr.value) oldEl.setAttribute(attr.name, attr.value);
	}
	for (const attr of Array.from(oldEl.attributes)) {
		if (!newEl.hasAttribute(attr.name) && !(attr.name === "data-hydrated" && oldEl === document.documentElement)) {
			oldEl.removeAttribute(attr.name);
		}
	}
	// What the user typed is the element's property, not its attribute: a new page's form
	// starts from the server's values.
	if (RESET_VALUES && (oldEl instanceof HTMLInputElement || oldEl instanceof HTMLTextAreaElement)) {
		if (oldEl.type === "checkbox" || oldEl.type === "radio") oldEl.checked = newEl.hasAttribute("checked");
		else if (oldEl.type !== "file") oldEl.value = newEl instanceof HTMLTextAreaElement ? newEl.textContent : (newEl.getAttribute("value") || "");
	}
}

for (const island of document.querySelectorAll("leptos-island")) {
	island.$$hydrated = true;
}
})();
