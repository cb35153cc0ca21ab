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
// - a response that is not HTML (a CSV, a file) or a failed fetch is loaded the ordinary way;
// - a push navigation scrolls to the top (or the #fragment); form fields take the new page's
//   values when the path changes and keep what is typed otherwise (a refresh, a refused post);
// - a node replaced because its type or tag differs is a copy, so the walker over the new
//   page never wanders into the old one.
(() => {
let NAVIGATION = 0;
// Whether form fields take the new page's values (a navigation) or keep what is typed (a refresh).
let RESET_VALUES = true;

window.addEventListener("click", async (ev) => {
	const req = clickToReq(ev);
	if (!req) return;
	ev.preventDefault();
	await navigateToPage(req, { transition: true });
});

window.addEventListener("popstate", async () => {
	await navigateToPage(new Request(window.location), { transition: true, replace: true, keepScroll: true });
});

window.addEventListener("submit", async (ev) => {
	if (ev.defaultPrevented) return;
	const req = submitToReq(ev);
	if (!req) return;
	ev.preventDefault();
	await navigateToPage(req, { transition: true });
});

window.__portalRefresh = () =>
	navigateToPage(new Request(window.location.href), { replace: true, keepScroll: true, refresh: true });

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
			RESET_VALUES = !opts.refresh && new URL(url).pathname !== window.location.pathname;
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
	if (form.hasAttribute("data-reload") || (form.enctype || "").toLowerCase() === "multipart/form-data") return;
	const method = (ev.submitter?.getAttribute("formmethod") || form.method).toUpperCase();
	if (method !== "GET" && method !== "POST") return;
	const url = new URL(ev.submitter?.getAttribute("formaction") || form.action, document.baseURI);
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
	diffRange(document, document, doc, doc);
}

function diffRange(oldDocument, oldRoot, newDocument, newRoot, oldEnd, newEnd) {
	const oldDocWalker = oldDocument.createTreeWalker(oldRoot);
	const newDocWalker = newDocument.createTreeWalker(newRoot);
	let oldNode, newNode;
	while (oldDocWalker.nextNode() && newDocWalker.nextNode()) {
		oldNode = oldDocWalker.currentNode;
		newNode = newDocWalker.currentNode;
		if (oldNode == oldEnd || newNode == newEnd) break;
		if (oldNode.nodeType !== newNode.nodeType) {
			replaceWhole(oldDocWalker, newDocWalker, oldNode, newNode);
			continue;
		} else if (oldNode.nodeType === Node.TEXT_NODE) {
			if (oldNode.textContent !== newNode.textContent) oldNode.textContent = newNode.textContent;
		} else if (oldNode.nodeType === Node.ELEMENT_NODE && oldNode.tagName === "LEPTOS-ISLAND") {
			// Keep a live island while it is the same island with the same props (its state
			// survives); otherwise the new one replaces it and is hydrated afresh.
			const same = newNode.tagName === "LEPTOS-ISLAND"
				&& oldNode.dataset.component === newNode.dataset.component
				&& oldNode.getAttribute("data-props") === newNode.getAttribute("data-props");
			if (!same) {
				replaceWhole(oldDocWalker, newDocWalker, oldNode, newNode);
			} else {
				skipSubtree(oldDocWalker);
				skipSubtree(newDocWalker);
			}
			continue;
		} else if (oldNode.nodeType === Node.ELEMENT_NODE) {
			if (oldNode.tagName !== newNode.tagName) {
				replaceWhole(oldDocWalker, newDocWalker, oldNode, newNode);
				continue;
			}
			diffAttributes(oldNode, newNode);
		} else if (oldNode.nodeType === Node.COMMENT_NODE) {
			const oldText = oldNode.textContent;
			const newText = newNode.textContent;
			if (oldText.startsWith("bo-for")) {
				replaceFor(oldDocument, oldDocWalker, newDocument, newDocWalker, oldNode, newNode);
			} else if (oldText.startsWith("bo-item")) {
				// an item within a For
			} else if (oldText.startsWith("bo") && newText !== oldText) {
				replaceBranch(oldDocWalker, newDocWalker, oldNode, newNode);
			}
		}
	}
}

// Leaves the walker on the last node inside its current node's subtree, so the next
// nextNode() goes past it.
function skipSubtree(walker) {
	while (walker.lastChild()) {}
}

// Puts a copy of the new node (and its subtree) in the old one's place; both walkers go on
// after it.
function replaceWhole(oldDocWalker, newDocWalker, oldNode, newNode) {
	const next = document.importNode(newNode, true);
	oldNode.replaceWith(next);
	oldDocWalker.currentNode = next;
	skipSubtree(oldDocWalker);
	newDocWalker.currentNode = newNode;
	skipSubtree(newDocWalker);
}

// As in Leptos.
function replaceFor(oldDocument, oldDocWalker, newDocument, newDocWalker, oldNode, newNode) {
	oldDocWalker.nextNode();
	newDocWalker.nextNode();
	const oldRange = new Range();
	const newRange = new Range();
	let oldBranches = 1;
	let newBranches = 1;

	const oldKeys = {};
	const newKeys = {};

	while(oldBranches > 0) {
		const c = oldDocWalker.currentNode;
		if(c.nodeType === Node.COMMENT_NODE) {
			const t = c.textContent;
			if(t.startsWith("bo-for")) {
				oldBranches += 1;
			} else if(t.startsWith("bc-for")) {

				oldBranches -= 1;
			} else if (t.startsWith("bo-item")) {
				const k = t.replace("bo-item-", "");
				oldKeys[k] = { open: c, close: null };
			} else if (t.startsWith("bc-item")) {
				const k = t.replace("bc-item-", "");
				if (oldKeys[k]) oldKeys[k].close = c;
			}
		}
		if(!oldDocWalker.nextNode()) {
			break;
		}
	}
	while(newBranches > 0) {
		const c = newDocWalker.currentNode;
		if(c.nodeType === Node.COMMENT_NODE) {
			const t = c.textContent;
			if(t.startsWith("bo-for")) {
				newBranches += 1;
			} else if(t.startsWith("bc-for")) {

				newBranches -= 1;
			} else if (t.startsWith("bo-item")) {
				const k = t.replace("bo-item-", "");
				newKeys[k] = { open: c, close: null };
			} else if (t.startsWith("bc-item")) {
				const k = t.replace("bc-item-", "");
				if (newKeys[k]) newKeys[k].close = c;
			}
		}
		if(!newDocWalker.nextNode()) {
			break;
		}
	}

	for(const key in oldKeys) {
		if(newKeys[key]) {
			const oldOne = oldKeys[key];
			const newOne = newKeys[key];
			const oldRange = new Range();
			const newRange = new Range();

			// then replace the item in the *new* list with the *old* DOM elements 
			oldRange.setStartAfter(oldOne.open);
			oldRange.setEndBefore(oldOne.close);
			newRange.setStartAfter(newOne.open);
			newRange.setEndBefore(newOne.close);
			const oldContents = oldRange.extractContents();
			const newContents = newRange.extractContents();

			// patch the *old* DOM elements with the new ones
			diffRange(oldDocument, oldContents, newDocument, newContents, oldOne.close, newOne.close);

			// then insert the old DOM elements into the new tree 
			// this means you'll end up with any new attributes or content from the server, 
			// but with any old DOM state (because they are the old elements)
			newRange.insertNode(oldContents);
			newOne.open.replaceWith(oldOne.open);
			newOne.close.replaceWith(oldOne.close);
		}
	}

	try {
		oldRange.setStartAfter(oldNode);
		oldRange.setEndBefore(oldDocWalker.currentNode);
		newRange.setStartAfter(newNode);
		newRange.setEndAfter(newDocWalker.currentNode);
		const newContents = newRange.extractContents();
		oldRange.deleteContents();
		oldRange.insertNode(newContents);
		oldNode.replaceWith(newNode);
		oldDocWalker.currentNode.replaceWith(newDocWalker.currentNode);
	} catch (e) {
		console.error(e);
	}
}

function seekBranchClose(walker) {
	let branches = 1;
	while (walker.nextNode()) {
		const node = walker.currentNode;
		if (node.nodeType === Node.COMMENT_NODE) {
			if (node.textContent.startsWith("bo")) branches += 1;
			else if (node.textContent.startsWith("bc")) {
				branches -= 1;
				if (branches === 0) return true;
			}
		}
	}
	return false;
}

function replaceBranch(oldDocWalker, newDocWalker, oldNode, newNode) {
	const oldRange = new Range();
	const newRange = new Range();
	seekBranchClose(oldDocWalker);
	seekBranchClose(newDocWalker);
	const oldClose = oldDocWalker.currentNode;
	const newClose = newDocWalker.currentNode;
	try {
		oldRange.setStartAfter(oldNode);
		oldRange.setEndBefore(oldClose);
		newRange.setStartAfter(newNode);
		newRange.setEndBefore(newClose);
		const newContents = newRange.extractContents();
		oldRange.deleteContents();
		oldRange.insertNode(newContents);
		oldNode.textContent = newNode.textContent;
		oldClose.textContent = newClose.textContent;
	} catch (e) {
		console.error(e);
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
