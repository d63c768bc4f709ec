// The partner-center-mock dashboard: a client of the mock's `/_mock` JSON API and of `/v1`.
// Every value is written with textContent, never as HTML: customer names are client-controlled.

const UI = "/_mock/ui";
const TOKEN_KEY = "partner-center-mock.admin-token";
const POLL_MS = 500;
const JOURNAL_OVERLAP_MS = 5000;
const PAGE_SIZE = 25;
const PAGE_CLIENT = "partner-center-mock-dashboard";
const BOTH_LICENSE_GROUPS = "licenseGroupIds=Group1&licenseGroupIds=Group2";

const params = new URLSearchParams(location.search);
const partner = params.get("partner") || "default";
const app = document.getElementById("app");
let timer = null;

// ---------------------------------------------------------------------------------------------
// Elements

/** An element with attributes (`on*` as listeners, `data-*` and others as attributes) and
 *  children; strings become text nodes. */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function table(headings, rows, attrs = {}) {
  return el("table", attrs,
    el("thead", {}, el("tr", {}, headings.map((h) => el("th", {}, h)))),
    el("tbody", {}, rows));
}

function json(value) {
  return el("pre", { class: "json" }, value === undefined ? "(none)" : JSON.stringify(value, null, 2));
}

/** A link to another view of the page, in the same namespace. */
function viewHref(view, extra = {}) {
  const query = new URLSearchParams({ partner, ...extra });
  return `${UI}${view}?${query}`;
}

function shortDate(text) {
  return text ? text.replace(/\.\d+Z$/, "Z").replace("T", " ") : "";
}

// ---------------------------------------------------------------------------------------------
// Calls

class Unauthorized extends Error {}

function describeError(status, body) {
  if (body && typeof body === "object") {
    const text = body.description || body.message || JSON.stringify(body);
    return body.code ? `${status} (code ${body.code}): ${text}` : `${status}: ${text}`;
  }
  return `${status}`;
}

async function call(method, path, body, headers) {
  const init = { method, headers: { "X-Mock-Partner": partner, ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  const response = await fetch(path, init);
  const text = await response.text();
  let parsed = null;
  try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
  if (response.status === 401 && path.startsWith("/_mock/")) throw new Unauthorized();
  if (!response.ok) throw new Error(describeError(response.status, parsed));
  return parsed;
}

/** A control-plane call, with the admin token when one was entered. */
function control(method, path, body) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return call(method, path, body, token ? { Authorization: `Bearer ${token}` } : {});
}

/** A Partner Center call; the mock accepts any bearer token on `/v1`. */
function v1(path, headers = {}) {
  return call("GET", path, undefined, {
    Authorization: "Bearer partner-center-mock-dashboard",
    "MS-PartnerCenter-Client": PAGE_CLIENT,
    ...headers,
  });
}

// ---------------------------------------------------------------------------------------------
// Frame

function frame(title, ...content) {
  const here = location.pathname.replace(/\/+$/, "");
  const nav = [["", "Customers"], ["/catalog", "Catalog"], ["/journal", "Journal"], ["/harness", "Harness"]].map(
    ([view, label]) => el("a", { href: viewHref(view), class: here === UI + view ? "current" : null }, label));
  const picker = el("select", { id: "partner", "aria-label": "Namespace", onchange: (e) => {
    const next = new URLSearchParams(location.search);
    next.set("partner", e.target.value);
    location.search = next.toString();
  } }, el("option", { value: partner, selected: true }, partner));
  control("GET", "/_mock/partners").then((page) => {
    const names = new Set(page.items.map((p) => p.name).concat(partner));
    picker.replaceChildren(...[...names].sort().map((name) => {
      const count = page.items.find((p) => p.name === name)?.customers;
      const label = count === undefined ? name : `${name} (${count} customers)`;
      return el("option", { value: name, selected: name === partner }, label);
    }));
  }).catch(() => {});
  app.replaceChildren(
    el("header", {},
      el("strong", {}, "partner-center-mock"),
      el("nav", {}, nav),
      el("label", { class: "picker" }, "Namespace ", picker)),
    el("h1", {}, title),
    ...content);
}

function message(node, text, kind = "error") {
  node.replaceChildren(text ? el("p", { class: kind }, text) : "");
}

/** Runs `refresh` now and then every POLL_MS, replacing what it shows only when it changed. */
function poll(refresh) {
  let last = null;
  const tick = async () => {
    try {
      const seen = await refresh(last);
      if (seen !== undefined) last = seen;
    } catch (error) {
      if (error instanceof Unauthorized) return askForToken("The admin token was refused.");
      console.warn(error);
    }
    timer = setTimeout(tick, POLL_MS);
  };
  tick();
}

// ---------------------------------------------------------------------------------------------
// Admin token

function askForToken(problem) {
  clearTimeout(timer);
  const input = el("input", { type: "password", name: "token", id: "admin-token", autocomplete: "off", required: true });
  const form = el("form", { id: "token-form", onsubmit: (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value);
    start();
  } },
  el("h1", {}, "partner-center-mock"),
  el("p", {}, "This mock was started with an admin token. Enter it to use the dashboard; it is kept for this tab only."),
  problem ? el("p", { class: "error" }, problem) : "",
  el("label", {}, "Admin token ", input),
  el("button", { type: "submit" }, "Unlock"));
  app.replaceChildren(form);
  input.focus();
}

// ---------------------------------------------------------------------------------------------
// Customers

function customersView() {
  const field = params.get("field") === "domain" ? "domain" : "company_name";
  const search = el("input", { type: "search", id: "search", placeholder: "starts with…", value: params.get("q") || "" });
  const fieldPicker = el("select", { id: "search-field", "aria-label": "Search by" },
    el("option", { value: "company_name", selected: field === "company_name" }, "Company name"),
    el("option", { value: "domain", selected: field === "domain" }, "Domain"));
  const status = el("div", { class: "status" });
  const rows = el("tbody", { id: "customer-rows" });
  const pager = el("div", { class: "pager" });
  const tokens = [null];
  let page = 0;

  const load = async () => {
    const query = new URLSearchParams({ size: PAGE_SIZE });
    const text = search.value.trim();
    if (text) query.set("filter", JSON.stringify({ Field: fieldPicker.value, Value: text, Operator: "starts_with" }));
    const headers = {};
    if (tokens[page]) {
      query.set("seekOperation", "Next");
      headers["MS-ContinuationToken"] = tokens[page];
    }
    const url = new URLSearchParams(location.search);
    if (text) { url.set("q", text); url.set("field", fieldPicker.value); } else { url.delete("q"); url.delete("field"); }
    history.replaceState(null, "", `${location.pathname}?${url}`);
    try {
      const result = await v1(`/v1/customers?${query}`, headers);
      tokens[page + 1] = result.continuationToken || null;
      message(status, result.items.length ? "" : "No customer matches.", "muted");
      rows.replaceChildren(...result.items.map(customerRow));
      pager.replaceChildren(
        el("button", { type: "button", id: "previous-page", disabled: page === 0, onclick: () => { page -= 1; load(); } }, "Previous"),
        el("span", {}, ` page ${page + 1} `),
        el("button", { type: "button", id: "next-page", disabled: !tokens[page + 1], onclick: () => { page += 1; load(); } }, "Next"));
    } catch (error) {
      if (error instanceof Unauthorized) return askForToken();
      message(status, error.message);
      rows.replaceChildren();
    }
  };
  let typing = null;
  const restart = () => { clearTimeout(typing); typing = setTimeout(() => { page = 0; tokens.length = 1; load(); }, 250); };
  search.addEventListener("input", restart);
  fieldPicker.addEventListener("change", restart);

  frame("Customers",
    el("form", { class: "search", onsubmit: (e) => { e.preventDefault(); restart(); } },
      el("label", {}, "Search ", fieldPicker), search),
    status,
    el("table", { id: "customers" },
      el("thead", {}, el("tr", {}, ["Company", "Domain", "Relationship", "Active subscriptions", "Reserved instances"].map((h) => el("th", {}, h)))),
      rows),
    pager);
  load();
}

function customerRow(customer) {
  const active = el("td", { class: "count", "data-count": "active-subscriptions" }, "…");
  const reserved = el("td", { class: "count", "data-count": "reserved-instances" }, "…");
  countBlockersOf(customer.id, active, reserved);
  return el("tr", { "data-customer-id": customer.id },
    el("td", {}, el("a", { href: viewHref(`/customers/${customer.id}`) }, customer.companyProfile?.companyName ?? customer.id)),
    el("td", {}, customer.companyProfile?.domain ?? ""),
    el("td", {}, customer.relationshipToPartner ?? ""),
    active, reserved);
}

async function countBlockersOf(id, active, reserved) {
  try {
    const [subscriptions, entitlements] = await Promise.all([
      v1(`/v1/customers/${id}/subscriptions`),
      v1(`/v1/customers/${id}/entitlements?entitlementType=reservedinstance`),
    ]);
    active.textContent = subscriptions.items.filter((s) => s.status === "active").length;
    reserved.textContent = entitlements.items.length;
  } catch {
    active.textContent = "–";
    reserved.textContent = "–";
  }
}

// ---------------------------------------------------------------------------------------------
// One customer

function customerView(id) {
  const profile = el("section", { id: "profile" });
  const verdict = el("section", { id: "verdict", class: "verdict" }, "…");
  const subscriptions = el("section", { id: "subscriptions" });
  const orders = el("section", { id: "orders" });
  const carts = el("section", { id: "carts" });
  const entitlements = el("section", { id: "entitlements" });
  const licences = el("section", { id: "licences" });
  const users = el("section", { id: "users" });
  frame("Customer", el("p", {}, el("a", { href: viewHref("") }, "← all customers")),
    profile, verdict, subscriptions, orders, carts, entitlements, licences, users);

  poll(async (last) => {
    const settled = await Promise.allSettled([
      v1(`/v1/customers/${id}`),
      v1(`/v1/customers/${id}/subscriptions`),
      v1(`/v1/customers/${id}/orders`),
      control("GET", `/_mock/customers/${id}/carts`),
      v1(`/v1/customers/${id}/entitlements`),
      control("GET", `/_mock/customers/${id}/removal-check`),
      v1(`/v1/customers/${id}/subscribedskus?${BOTH_LICENSE_GROUPS}`),
      usersWithLicences(id),
      control("GET", `/_mock/customers/${id}/subscriptions/lifecycle`),
    ]);
    const unauthorized = settled.find((s) => s.status === "rejected" && s.reason instanceof Unauthorized);
    if (unauthorized) throw unauthorized.reason;
    const seen = JSON.stringify(settled.map((s) => s.value ?? s.reason?.message));
    if (seen === last) return seen;
    const [customer, subs, ords, crts, ents, check, skus, people, lives] = settled;
    renderProfile(profile, customer);
    renderVerdict(verdict, check);
    renderSubscriptions(subscriptions, subs, pendingOrders(ords), lifecyclesById(lives));
    renderOrders(orders, ords);
    renderCarts(carts, crts);
    renderEntitlements(entitlements, ents);
    renderLicences(licences, skus);
    renderUsers(users, people);
    return seen;
  });
}

/** The first page of the customer's users, each with the licences it holds. */
async function usersWithLicences(id) {
  const page = await v1(`/v1/customers/${id}/users?size=${PAGE_SIZE}`);
  const held = await Promise.all(page.items.map((user) =>
    v1(`/v1/customers/${id}/users/${user.id}/licenses?${BOTH_LICENSE_GROUPS}`)));
  return { items: page.items.map((user, i) => ({ user, licences: held[i].items })), more: Boolean(page.links?.next) };
}

function failed(section, title, outcome) {
  if (outcome.status === "fulfilled") return false;
  section.replaceChildren(el("h2", {}, title), el("p", { class: "error" }, outcome.reason.message));
  return true;
}

function renderProfile(section, outcome) {
  if (failed(section, "Profile", outcome)) return;
  const customer = outcome.value;
  const company = customer.companyProfile ?? {};
  const billing = customer.billingProfile ?? {};
  const address = billing.defaultAddress ?? {};
  document.querySelector("h1").textContent = company.companyName ?? customer.id;
  const facts = [
    ["Customer id", customer.id],
    ["Company name", company.companyName],
    ["Domain", company.domain],
    ["Tenant id", company.tenantId],
    ["Relationship", customer.relationshipToPartner],
    ["Billing contact", [billing.firstName, billing.lastName].filter(Boolean).join(" ")],
    ["Billing e-mail", billing.email],
    ["Billing address", [address.addressLine1, address.city, address.state, address.postalCode, address.country].filter(Boolean).join(", ")],
    ["Culture / language", [billing.culture, billing.language].filter(Boolean).join(" / ")],
  ];
  section.replaceChildren(el("h2", {}, "Profile"),
    el("dl", { class: "facts" }, facts.filter(([, v]) => v).map(([k, v]) => [el("dt", {}, k), el("dd", { "data-fact": k }, v)])));
}

function renderVerdict(section, outcome) {
  if (outcome.status === "rejected") {
    section.removeAttribute("data-verdict");
    section.replaceChildren(el("h2", {}, "Removal verdict"), el("p", { class: "error" }, outcome.reason.message));
    return;
  }
  const check = outcome.value;
  section.setAttribute("data-verdict", check.removable ? "removable" : "blocked");
  if (check.removable) {
    section.replaceChildren(el("h2", {}, "Removal verdict"),
      el("p", { class: "removable" }, "Removable: the reseller relationship can be removed now."));
    return;
  }
  const blockers = check.blockers ?? [];
  section.replaceChildren(el("h2", {}, "Removal verdict"),
    el("p", { class: "blocked" }, "Blocked by rule ", el("code", { id: "verdict-rule" }, check.rule ?? "")),
    blockers.length
      ? el("ul", { id: "blockers" }, blockers.map((b) =>
        el("li", { "data-blocker-kind": b.kind, "data-blocker-id": b.id }, `${blockerLabel(b.kind)} `, el("code", {}, b.id))))
      : el("p", { class: "muted" }, "Nothing to clear: the relationship is already gone."),
    ruleDetail(check.rule));
}

let rules = null;

/** The rule's condition and error, from `GET /_mock/rules`, read once. */
function ruleDetail(id) {
  const detail = el("p", { class: "muted", id: "verdict-rule-detail" });
  rules ??= control("GET", "/_mock/rules").then((page) => page.items).catch(() => (rules = null, []));
  rules.then((items) => {
    const rule = items.find((r) => r.id === id);
    if (rule) detail.replaceChildren(`${rule.condition} → ${rule.error}`);
  });
  return detail;
}

function blockerLabel(kind) {
  return { subscription: "active subscription", reservedInstance: "reserved-instance order", softwarePurchase: "software order" }[kind] ?? kind;
}

/** The ids of the orders still provisioning; none when the orders could not be read. */
function pendingOrders(outcome) {
  if (outcome.status === "rejected") return new Set();
  return new Set(outcome.value.items.filter((o) => o.status === "pending").map((o) => o.id));
}

function pendingBadge(orderId) {
  return el("span", { class: "mark pending", "data-pending-order": orderId, title: `Order ${orderId} is still provisioning` }, "pending");
}

/** What each subscription status means, for the label and its explanation. Any other value
 *  is shown as it is. */
const STATUS_LABELS = {
  none: ["None", ""],
  active: ["Active", ""],
  pending: ["Pending", "not provisioned yet"],
  suspended: ["Suspended", "no access; reactivate before the term ends"],
  expired: ["Expired", "term ended without renewal: users keep access for 30 days, nothing is billed, it cannot be reactivated"],
  disabled: ["Disabled", "data kept, only admins have access, until it is deleted"],
  deleted: ["Deleted", "final"],
};

function statusLabel(status, withMeaning = false) {
  const value = status === undefined || status === null || status === "" ? "unknown" : String(status);
  const [label, meaning] = STATUS_LABELS[value.toLowerCase()] ?? [value, ""];
  return el("span", { class: `status status-${value.toLowerCase().replace(/[^a-z]/g, "")}`, "data-status-label": value, title: meaning || null },
    label, withMeaning && meaning ? el("small", { class: "meaning" }, ` (${meaning})`) : "");
}

/** A clock event's change as words: `renewal`, or the status taken. */
function changeLabel(change) {
  return { renewal: "renews", expired: "expires", disabled: "is disabled", deleted: "is deleted" }[change] ?? `becomes ${change}`;
}

/** The lifecycle of each subscription by id, from `GET /_mock/customers/{id}/subscriptions/lifecycle`;
 *  none when it could not be read. */
function lifecyclesById(outcome) {
  if (outcome.status === "rejected") return new Map();
  return new Map(outcome.value.items.map((l) => [l.subscriptionId, l]));
}

function renderSubscriptions(section, outcome, pending, lifecycles) {
  if (failed(section, "Subscriptions", outcome)) return;
  const items = outcome.value.items;
  const ids = new Set(items.map((s) => s.id));
  const bases = items.filter((s) => !s.parentSubscriptionId || !ids.has(s.parentSubscriptionId));
  const row = (s, addOn) => {
    const next = lifecycles.get(s.id)?.nextEvent;
    return el("tr", { "data-subscription-id": s.id, "data-status": s.status, class: addOn ? "add-on" : null },
      el("td", {}, addOn ? "↳ " : "", el("code", {}, s.id)),
      el("td", {}, statusLabel(s.status), pending.has(s.orderId) ? [" ", pendingBadge(s.orderId)] : ""),
      el("td", {}, s.offerName ?? "", el("br"), el("small", { class: "muted" }, s.offerId ?? "")),
      el("td", { class: "count" }, s.quantity),
      el("td", { "data-term": s.termDuration ?? "" },
        [s.termDuration ?? "no term", s.billingCycle].filter(Boolean).join(" · "), el("br"),
        el("small", { class: "muted" }, `${shortDate(s.effectiveStartDate)} → ${shortDate(s.commitmentEndDate)}`), el("br"),
        el("small", { class: "muted" }, s.autoRenewEnabled ? "auto-renew on" : "auto-renew off")),
      el("td", { "data-cancellable-until": s.cancellationAllowedUntilDate ?? "" }, shortDate(s.cancellationAllowedUntilDate)),
      el("td", { "data-next-event": next?.change ?? "" }, next ? [changeLabel(next.change), el("br"), el("small", { class: "muted" }, shortDate(next.at))] : ""));
  };
  const ordered = bases.flatMap((base) => [[base, false],
    ...items.filter((s) => s.parentSubscriptionId === base.id).map((addOn) => [addOn, true])]);
  const cards = ordered.map(([s]) => lifecycleCard(s, lifecycles.get(s.id))).filter(Boolean);
  section.replaceChildren(el("h2", {}, `Subscriptions (${items.length})`),
    items.length ? table(["Id", "Status", "Offer", "Quantity", "Term (start → last day)", "Cancellable until", "Next on the clock"],
      ordered.map(([s, addOn]) => row(s, addOn)), { id: "subscription-table" })
      : el("p", { class: "muted" }, "No subscriptions."),
    cards.length ? el("div", { id: "lifecycles" }, el("h3", {}, "Lifecycle"), cards) : "");
}

/** A subscription's seat batches, scheduled next-term changes, status history and next lapse
 *  step; nothing when it has none of them. */
function lifecycleCard(subscription, lifecycle) {
  if (!lifecycle) return null;
  const batches = lifecycle.refundableBatches ?? [];
  const scheduled = lifecycle.scheduledNextTermInstructions;
  const history = lifecycle.statusHistory ?? [];
  const lapse = lifecycle.nextLapseStep;
  if (!batches.length && !scheduled && !history.length && !lapse) return null;
  const parts = [];
  if (batches.length) {
    const total = batches.reduce((sum, b) => sum + b.quantity, 0);
    parts.push(el("div", { "data-part": "batches" }, el("strong", {}, `Refundable seats (${total})`),
      el("ul", {}, batches.map((b) => el("li", { "data-batch": b.quantity, "data-allowed-until": b.allowedUntil },
        `${b.quantity} ${b.quantity === 1 ? "seat" : "seats"}, reducible until ${shortDate(b.allowedUntil)}`)))));
  }
  if (scheduled) {
    const product = scheduled.product ?? {};
    const item = [product.productId, product.skuId, product.availabilityId].filter(Boolean).join(":");
    parts.push(el("div", { "data-part": "scheduled", "data-scheduled-quantity": scheduled.quantity, "data-scheduled-item": item },
      el("strong", {}, "At the next renewal"),
      el("ul", {},
        el("li", {}, scheduled.offerName ?? "", " ", el("code", {}, item)),
        el("li", {}, `${scheduled.quantity} ${scheduled.quantity === 1 ? "seat" : "seats"}`),
        el("li", {}, [product.termDuration, product.billingCycle].filter(Boolean).join(" · ")),
        scheduled.customTermEndDate ? el("li", {}, `ends ${shortDate(scheduled.customTermEndDate)}`) : "",
        product.promotionId ? el("li", {}, "promotion ", el("code", {}, product.promotionId)) : "")));
  }
  if (history.length) {
    parts.push(el("div", { "data-part": "history" }, el("strong", {}, "Status history"),
      el("ol", {}, history.map((change) => el("li", { "data-status": change.status, "data-at": change.at },
        shortDate(change.at), " ", statusLabel(change.status))))));
  }
  if (lapse) {
    parts.push(el("div", { "data-part": "next-lapse-step", "data-status": lapse.status, "data-at": lapse.at },
      el("strong", {}, "Next lapse step"), el("p", {}, statusLabel(lapse.status), ` on ${shortDate(lapse.at)}`)));
  }
  return el("div", { class: "lifecycle", "data-lifecycle-for": subscription.id },
    el("h4", {}, el("code", {}, subscription.id), " ", subscription.offerName ?? "", " ", statusLabel(subscription.status, true)),
    el("div", { class: "parts" }, parts));
}

function renderOrders(section, outcome) {
  if (failed(section, "Orders", outcome)) return;
  const items = outcome.value.items;
  const rows = items.map((o) => el("tr", { "data-order-id": o.id, "data-status": o.status },
    el("td", {}, el("code", {}, o.id)),
    el("td", {}, o.status === "pending" ? pendingBadge(o.id) : el("span", { class: `status-${o.status}` }, o.status)),
    el("td", {}, shortDate(o.creationDate)),
    el("td", {}, (o.lineItems ?? []).map((line) =>
      el("div", {}, `${line.quantity} × `, el("code", {}, line.offerId ?? ""), line.friendlyName ? ` ${line.friendlyName}` : "")))));
  section.replaceChildren(el("h2", {}, `Orders (${items.length})`),
    items.length ? table(["Id", "Status", "Created", "Lines"], rows, { id: "order-table" })
      : el("p", { class: "muted" }, "No orders."));
}

function renderCarts(section, outcome) {
  if (failed(section, "Carts", outcome)) return;
  const items = outcome.value.items;
  const line = (item, addOn) => el("tr", { "data-line-id": item.id, "data-catalog-item-id": item.catalogItemId, class: addOn ? "add-on" : null },
    el("td", {}, addOn ? "↳ " : "", el("code", {}, item.catalogItemId), item.friendlyName ? [el("br"), el("small", { class: "muted" }, item.friendlyName)] : ""),
    el("td", { class: "count" }, item.quantity),
    el("td", {}, [item.termDuration, item.billingCycle].filter(Boolean).join(" · ")),
    el("td", {}, item.error ? el("span", { class: "error", "data-error-code": item.error.errorCode },
      el("code", {}, item.error.errorCode), ` ${item.error.errorDescription ?? ""}`) : ""));
  const cart = (c) => el("div", { class: "cart", "data-cart-id": c.id, "data-status": c.status },
    el("h3", {}, "Cart ", el("code", {}, c.id), " ",
      el("span", { class: c.status === "Active" ? "status-active" : "muted" }, c.status),
      el("small", { class: "muted" }, ` expires ${shortDate(c.expirationTimestamp)}`)),
    table(["Catalog item", "Quantity", "Term", "Error"],
      (c.lineItems ?? []).flatMap((item) => [line(item, false), ...(item.addonItems ?? []).map((addOn) => line(addOn, true))])));
  section.replaceChildren(el("h2", {}, `Carts (${items.length})`),
    ...(items.length ? items.map(cart) : [el("p", { class: "muted" }, "No carts.")]));
}

function renderEntitlements(section, outcome) {
  if (failed(section, "Entitlements", outcome)) return;
  const items = outcome.value.items;
  const rows = items.map((e) => el("tr", { "data-entitlement-type": e.entitlementType },
    el("td", {}, e.entitlementType ?? ""),
    el("td", {}, [e.productId, e.skuId].filter(Boolean).join(" / ")),
    el("td", { class: "count" }, e.quantity ?? ""),
    el("td", {}, el("code", {}, e.referenceOrder?.id ?? "")),
    el("td", {}, (e.entitledArtifacts ?? []).map((a) => el("div", {}, `${a.artifactType ?? ""} `, el("code", {}, a.resourceId ?? ""))))));
  section.replaceChildren(el("h2", {}, `Entitlements (${items.length})`),
    items.length ? table(["Type", "Product / SKU", "Quantity", "Order", "Artifacts"], rows, { id: "entitlement-table" })
      : el("p", { class: "muted" }, "No entitlements."));
}

function renderLicences(section, outcome) {
  if (failed(section, "Licences", outcome)) return;
  const items = outcome.value.items;
  const count = (value, name) => el("td", { class: value < 0 ? "count status-error" : "count", "data-units": name }, value);
  const rows = items.map((s) => el("tr", { "data-sku-id": s.productSku.id, "data-capability": s.capabilityStatus },
    el("td", {}, s.productSku.name, el("br"), el("small", { class: "muted" }, s.productSku.skuPartNumber)),
    count(s.activeUnits, "active"), count(s.suspendedUnits, "suspended"), count(s.warningUnits, "warning"),
    count(s.consumedUnits, "consumed"), count(s.availableUnits, "available"),
    el("td", { class: `status-${s.capabilityStatus.toLowerCase()}` }, s.capabilityStatus)));
  section.replaceChildren(el("h2", {}, `Licences (${items.length} product SKUs)`),
    items.length ? table(["Product SKU", "Active", "Suspended", "Warning", "Consumed", "Available", "Status"], rows, { id: "licence-table" })
      : el("p", { class: "muted" }, "No licence units."));
}

function renderUsers(section, outcome) {
  if (failed(section, "Users", outcome)) return;
  const { items, more } = outcome.value;
  const rows = items.map(({ user, licences }) => el("tr", { "data-user-id": user.id },
    el("td", {}, user.displayName, el("br"), el("small", { class: "muted" }, user.userPrincipalName)),
    el("td", {}, user.usageLocation ?? ""),
    el("td", { "data-licences": licences.length }, licences.length
      ? licences.map((l) => el("div", { "data-sku-id": l.productSku.id }, l.productSku.name))
      : el("span", { class: "muted" }, "none"))));
  section.replaceChildren(el("h2", {}, `Users (${items.length}${more ? "+" : ""})`),
    items.length ? table(["User", "Usage location", "Licences"], rows, { id: "user-table" })
      : el("p", { class: "muted" }, "No users."),
    more ? el("p", { class: "muted" }, `Showing the first ${PAGE_SIZE} users by display name.`) : "");
}

// ---------------------------------------------------------------------------------------------
// Catalog

const TARGET_VIEWS = ["OnlineServices", "Azure", "MicrosoftAzure", "AzureReservations", "Software", "MarketplaceSaaS"];

function catalogView() {
  const chosen = params.get("targetView") || TARGET_VIEWS[0];
  const targetView = el("select", { id: "target-view", name: "targetView", "aria-label": "Target view" },
    [...new Set([...TARGET_VIEWS, chosen])].map((v) => el("option", { value: v, selected: v === chosen }, v)));
  const country = el("input", { id: "country", name: "country", value: params.get("country") || "US", size: 3, maxlength: 2, required: true });
  const status = el("div", { class: "status" });
  const products = el("div", { id: "products" });
  let shown = 0;

  const load = async () => {
    const reading = ++shown;
    const query = new URLSearchParams({ country: country.value.trim(), targetView: targetView.value });
    const url = new URLSearchParams(location.search);
    url.set("targetView", query.get("targetView"));
    url.set("country", query.get("country"));
    history.replaceState(null, "", `${location.pathname}?${url}`);
    message(status, "Loading…", "muted");
    try {
      const result = await v1(`/v1/products?${query}`);
      if (reading !== shown) return;
      message(status, result.items.length ? "" : "No products in this view and country.", "muted");
      products.replaceChildren(...result.items.map((product) => productSection(product, query.get("country"))));
    } catch (error) {
      if (reading !== shown) return;
      if (error instanceof Unauthorized) return askForToken();
      message(status, error.message);
      products.replaceChildren();
    }
  };
  targetView.addEventListener("change", load);

  frame("Catalog",
    el("form", { class: "search", id: "catalog-form", onsubmit: (e) => { e.preventDefault(); load(); } },
      el("label", {}, "Target view ", targetView),
      el("label", {}, "Country ", country),
      el("button", { type: "submit" }, "Show")),
    el("p", { class: "muted" }, "Each availability's catalogItemId is what a cart line buys; click it to select it."),
    status, products);
  load();
}

/** A product, with its SKUs and their availabilities filled in as they are read. */
function productSection(product, country) {
  const skus = el("tbody", {}, el("tr", {}, el("td", { colspan: 4, class: "muted" }, "…")));
  const section = el("section", { class: "product", "data-product-id": product.id },
    el("h2", {}, product.title ?? product.id),
    el("p", {}, el("code", {}, product.id), " ", el("span", { class: "muted" }, product.productType?.id ?? ""),
      product.publisherName ? el("span", { class: "muted" }, ` · ${product.publisherName}`) : ""),
    el("table", {}, el("thead", {}, el("tr", {}, ["SKU", "Availability", "Terms", "catalogItemId"].map((h) => el("th", {}, h)))), skus));
  fillSkus(product, country, skus);
  return section;
}

async function fillSkus(product, country, body) {
  const query = new URLSearchParams({ country });
  const id = encodeURIComponent(product.id);
  try {
    const skus = (await v1(`/v1/products/${id}/skus?${query}`)).items;
    const rows = await Promise.all(skus.map(async (sku) => {
      const found = await v1(`/v1/products/${id}/skus/${encodeURIComponent(sku.id)}/availabilities?${query}`);
      const label = el("td", {}, el("code", {}, sku.id), el("br"), el("small", { class: "muted" }, sku.title ?? ""));
      if (!found.items.length) return [el("tr", { "data-sku-id": sku.id }, label, el("td", { colspan: 3, class: "muted" }, "No availability."))];
      return found.items.map((a) => el("tr", { "data-sku-id": sku.id, "data-catalog-item-id": a.catalogItemId },
        label.cloneNode(true),
        el("td", {}, el("code", {}, a.id), el("br"), el("small", { class: "muted" }, [a.segment, a.country].filter(Boolean).join(" · "))),
        el("td", {}, (a.terms ?? []).map((t) => el("div", { class: "term", title: t.description ?? "" },
          [t.duration, t.billingCycle].filter(Boolean).join(" · ")))),
        el("td", {}, el("code", { class: "copyable" }, a.catalogItemId))));
    }));
    body.replaceChildren(...rows.flat());
    if (!skus.length) body.replaceChildren(el("tr", {}, el("td", { colspan: 4, class: "muted" }, "No SKUs.")));
  } catch (error) {
    if (error instanceof Unauthorized) return askForToken();
    body.replaceChildren(el("tr", {}, el("td", { colspan: 4, class: "error" }, error.message)));
  }
}

// ---------------------------------------------------------------------------------------------
// Journal

function journalView() {
  const rows = el("tbody", { id: "journal-rows" });
  const detail = el("section", { id: "journal-detail" });
  const status = el("div", { class: "status" });
  const entries = new Map();
  let since = null;
  const clear = el("button", { type: "button", onclick: async () => {
    await control("DELETE", "/_mock/requests");
    entries.clear(); since = null; rows.replaceChildren(); detail.replaceChildren();
  } }, "Clear the journal");
  // Only the requests no route served: a view of its own, `?matched=false`.
  const onlyUnmatched = el("input", { type: "checkbox", id: "journal-unmatched-only",
    checked: params.get("matched") === "false", onchange: () => {
      showOnlyUnmatched(rows, onlyUnmatched.checked);
      const url = new URLSearchParams(location.search);
      if (onlyUnmatched.checked) url.set("matched", "false"); else url.delete("matched");
      history.replaceState(null, "", `${location.pathname}?${url}`);
    } });
  showOnlyUnmatched(rows, onlyUnmatched.checked);
  frame("Request journal", el("p", { class: "muted" },
    "Newest first; updates live. The dashboard's own reads are not journaled. Click a row for its headers and bodies."),
  el("div", { class: "search" }, clear,
    el("label", { for: "journal-unmatched-only" }, onlyUnmatched, " Only requests no route served")),
  status,
  el("table", { id: "journal" }, el("thead", {}, el("tr", {},
    ["Time", "Method", "Path", "Status", "Rule", "Answered by"].map((h) => el("th", {}, h)))), rows),
  detail);

  poll(async () => {
    const query = since ? `?since=${encodeURIComponent(since)}` : "";
    const page = await control("GET", `/_mock/requests${query}`);
    for (const entry of page.items.filter((e) => !entries.has(e.sequence))) {
      entries.set(entry.sequence, entry);
      rows.prepend(journalRow(entry, detail));
    }
    // Entries are journaled when answered but stamped when they arrive: look a little back.
    const newest = page.items[page.items.length - 1];
    if (newest) since = new Date(Date.parse(newest.time) - JOURNAL_OVERLAP_MS).toISOString();
    message(status, page.dropped ? `${page.dropped} older entries were dropped (capacity ${page.capacity}).` : "", "muted");
  });
}

function showOnlyUnmatched(rows, only) {
  if (only) rows.dataset.onlyUnmatched = ""; else delete rows.dataset.onlyUnmatched;
}

// What answered in place of the model, if anything: no route (with the routes nearest to what
// was sent, and the documented route it is when the mock does not emulate it), a fault, a pinned
// override, or throttling.
function journalMark(entry) {
  if (entry.matched === false) return unmatchedMark(entry);
  if (entry.fault) return el("span", { class: "mark", "data-injected": entry.fault }, `fault ${entry.fault}`);
  if (entry.override) return el("span", { class: "mark", "data-injected": entry.override }, `override ${entry.override}`);
  if (entry.throttled) return el("span", { class: "mark", "data-throttled": entry.throttled }, `throttled ${entry.throttled}`);
  return "";
}

function unmatchedMark(entry) {
  const nearest = entry.nearest || [];
  return el("div", { class: "unmatched" },
    el("span", { class: "mark unmatched-badge", "data-unmatched": entry.status }, `no route (${entry.status})`),
    entry.documented
      ? el("div", { class: "documented", "data-documented": entry.documented },
        "documented, not emulated: ", el("code", {}, entry.documented))
      : "",
    el("div", { class: "nearest" }, nearest.length ? "nearest: " : "nearest: none",
      nearest.map((route, at) => [at ? ", " : "", el("code", { "data-nearest": route }, route)])));
}

function journalRow(entry, detail) {
  const kind = entry.matched === false ? "clickable unmatched" : "clickable";
  const row = el("tr", { "data-sequence": entry.sequence, "data-path": entry.path, "data-matched": entry.matched, class: kind, tabindex: 0 },
    el("td", {}, shortDate(entry.time)),
    el("td", {}, entry.method),
    el("td", {}, entry.path + (entry.query ? `?${entry.query}` : "")),
    el("td", { class: entry.status >= 400 ? "status-error" : null }, entry.status),
    el("td", {}, entry.rule ? el("code", {}, entry.rule) : ""),
    el("td", {}, journalMark(entry)));
  const open = () => showEntry(entry, detail);
  row.addEventListener("click", open);
  row.addEventListener("keydown", (e) => { if (e.key === "Enter") open(); });
  return row;
}

function showEntry(entry, detail) {
  detail.replaceChildren(
    el("h2", {}, `#${entry.sequence} ${entry.method} ${entry.path} → ${entry.status}`),
    entry.matched === false ? unmatchedMark(entry) : "",
    el("div", { class: "columns" },
      el("div", {}, el("h3", {}, "Request headers"), json(entry.headers),
        el("h3", {}, "Request body"), json(entry.requestBody)),
      el("div", {}, el("h3", {}, "Response headers"), json(entry.responseHeaders),
        el("h3", {}, "Response body"), json(entry.responseBody))));
}

// ---------------------------------------------------------------------------------------------
// Harness controls

function harnessView() {
  const status = el("div", { id: "harness-status", class: "status", "aria-live": "polite" });
  const snapshots = el("tbody", { id: "snapshot-rows" });
  const faults = el("tbody", { id: "fault-rows" });
  const overrides = el("tbody", { id: "override-rows" });
  const now = el("code", { id: "clock-now" }, "…");
  const nextEvent = el("p", { id: "next-event" }, "…");
  const toNextEvent = el("button", { type: "button", id: "advance-to-next-event", disabled: true }, "Advance to the next event");

  const act = (label, action) => async (event) => {
    event?.preventDefault();
    try {
      await action(event);
      message(status, `${label}: done.`, "ok");
    } catch (error) {
      if (error instanceof Unauthorized) return askForToken();
      message(status, `${label}: ${error.message}`);
    }
    refresh();
  };
  const refresh = async () => {
    try {
      const [snaps, rules, pinned, clock] = await Promise.all([
        control("GET", "/_mock/snapshots"), control("GET", "/_mock/faults"),
        control("GET", "/_mock/overrides"), control("GET", "/_mock/clock/next-event")]);
      snapshots.replaceChildren(...snaps.items.map((s) => el("tr", { "data-snapshot": s.name },
        el("td", {}, s.name), el("td", { class: "count" }, s.customers), el("td", {}, shortDate(s.createdAt)),
        el("td", {},
          el("button", { type: "button", onclick: act(`Restore ${s.name}`, () => control("POST", `/_mock/snapshots/${encodeURIComponent(s.name)}/restore`)) }, "Restore"),
          el("button", { type: "button", onclick: act(`Delete ${s.name}`, () => control("DELETE", `/_mock/snapshots/${encodeURIComponent(s.name)}`)) }, "Delete")))));
      faults.replaceChildren(...rules.items.map((r) => el("tr", { "data-fault": r.id },
        el("td", {}, el("code", {}, r.id)), el("td", {}, r.method ?? "any"), el("td", {}, r.path),
        el("td", {}, [r.status, r.code].filter(Boolean).join(" / ")),
        el("td", {}, `${r.fired} of ${r.times ?? "∞"} (matched ${r.matched})`),
        el("td", {}, el("button", { type: "button", onclick: act(`Remove ${r.id}`, () => control("DELETE", `/_mock/faults/${encodeURIComponent(r.id)}`)) }, "Remove")))));
      overrides.replaceChildren(...pinned.items.map((r) => el("tr", { "data-override": r.id },
        el("td", {}, el("code", {}, r.id)), el("td", {}, r.method ?? "any"), el("td", {}, r.path),
        el("td", {}, r.status),
        el("td", {}, `${r.answered} of ${r.times ?? "∞"} (matched ${r.matched})`),
        el("td", {}, el("button", { type: "button", onclick: act(`Remove ${r.id}`, () => control("DELETE", `/_mock/overrides/${encodeURIComponent(r.id)}`)) }, "Remove")))));
      now.textContent = clock.now;
      showNextEvent(nextEvent, clock.nextEvent);
      toNextEvent.disabled = !clock.nextEvent;
    } catch (error) {
      if (error instanceof Unauthorized) return askForToken();
      message(status, error.message);
    }
  };

  const field = (name, attrs = {}) => el("label", {}, `${name} `, el("input", { name, ...attrs }));
  const numberOrNothing = (value) => (value === "" ? undefined : Number(value));
  const faultForm = el("form", { id: "fault-form", onsubmit: act("Add fault", (event) => {
    const form = new FormData(event.target);
    return control("POST", "/_mock/faults", {
      method: form.get("method") || undefined,
      path: form.get("path"),
      status: numberOrNothing(form.get("status")),
      code: numberOrNothing(form.get("code")),
      description: form.get("description") || undefined,
      times: numberOrNothing(form.get("times")),
      delayMs: numberOrNothing(form.get("delayMs")),
    });
  }) },
  field("method", { placeholder: "any" }), field("path", { required: true, placeholder: "/v1/customers/*" }),
  field("status", { type: "number", placeholder: "503" }), field("code", { type: "number" }),
  field("description"), field("times", { type: "number", min: 1 }), field("delayMs", { type: "number", min: 0 }),
  el("button", { type: "submit" }, "Add fault"));

  frame("Harness", status,
    el("section", {}, el("h2", {}, "Namespace"),
      el("p", {}, "Put ", el("code", {}, partner), " back to the seed (snapshots, the journal, faults and overrides stay). "),
      el("button", { type: "button", id: "reset", onclick: act("Reset", () => control("POST", "/_mock/reset")) }, "Reset the namespace")),
    el("section", {}, el("h2", {}, "Snapshots"),
      el("form", { id: "snapshot-form", onsubmit: act("Save snapshot", (event) =>
        control("POST", "/_mock/snapshots", { name: new FormData(event.target).get("name") })) },
      field("name", { required: true }), el("button", { type: "submit" }, "Save snapshot")),
      table(["Name", "Customers", "Taken", ""], [snapshots], { id: "snapshots" })),
    el("section", {}, el("h2", {}, "Faults"), faultForm,
      el("button", { type: "button", onclick: act("Remove every fault", () => control("DELETE", "/_mock/faults")) }, "Remove all"),
      table(["Id", "Method", "Path", "Status / code", "Fired", ""], [faults], { id: "faults" })),
    el("section", {}, el("h2", {}, "Overrides"),
      el("p", { class: "muted" }, "Pinned answers, added with POST /_mock/overrides or --overrides DIR."),
      el("button", { type: "button", onclick: act("Remove every override", () => control("DELETE", "/_mock/overrides")) }, "Remove all"),
      table(["Id", "Method", "Path", "Status", "Answered", ""], [overrides], { id: "overrides" })),
    el("section", {}, el("h2", {}, "Clock"),
      el("p", {}, "Now: ", now),
      el("form", { id: "clock-form", onsubmit: act("Advance the clock", (event) =>
        control("POST", "/_mock/clock/advance", { duration: new FormData(event.target).get("duration") })) },
      field("duration", { required: true, placeholder: "P8D" }), el("button", { type: "submit" }, "Advance")),
      nextEvent, toNextEvent));
  toNextEvent.addEventListener("click", act("Advance to the next event", () =>
    control("POST", "/_mock/clock/advance", { to: "nextEvent" })));
  refresh();
}

/** The namespace's next renewal, end of term or lapse step, from `GET /_mock/clock/next-event`. */
function showNextEvent(node, event) {
  if (!event) {
    node.removeAttribute("data-change");
    node.replaceChildren(el("span", { class: "muted" }, "Next event: none; no subscription renews, expires or lapses later."));
    return;
  }
  node.setAttribute("data-change", event.change);
  node.setAttribute("data-at", event.at);
  node.replaceChildren("Next event: ", el("code", {}, shortDate(event.at)), ` subscription `,
    el("code", {}, event.subscriptionId), ` of customer `,
    el("a", { href: viewHref(`/customers/${encodeURIComponent(event.customerId)}`) }, event.customerId),
    ` ${changeLabel(event.change)}.`);
}

// ---------------------------------------------------------------------------------------------
// Routing

async function start() {
  clearTimeout(timer);
  try {
    await control("GET", "/_mock/partners");
  } catch (error) {
    if (error instanceof Unauthorized) {
      return askForToken(sessionStorage.getItem(TOKEN_KEY) ? "The admin token was refused." : null);
    }
  }
  const view = location.pathname.slice(UI.length).replace(/\/+$/, "");
  const customer = view.match(/^\/customers\/([^/]+)$/);
  if (customer) customerView(decodeURIComponent(customer[1]));
  else if (view === "/catalog") catalogView();
  else if (view === "/journal") journalView();
  else if (view === "/harness") harnessView();
  else customersView();
}

start();
