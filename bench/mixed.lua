-- A mixed read/write workload: 70% GET a customer, 10% list a 50-item page, 10% a PATCH
-- suspend/reactivate, 10% create an order. CUSTOMERS and SUBSCRIPTIONS are filled in by bench/run.
wrk.headers["Authorization"] = "Bearer bench"
wrk.headers["Content-Type"] = "application/json"
local customers = CUSTOMERS
local subscriptions = SUBSCRIPTIONS
local order = '{"lineItems":[{"offerId":"91fd106f-4b2c-4938-95ac-f54f74e9a239","quantity":1}]}'
local n = 0
request = function()
  n = n + 1
  local pick = n % 10
  local customer = customers[(n % #customers) + 1]
  if pick < 7 then
    return wrk.format("GET", "/v1/customers/" .. customer)
  elseif pick == 7 then
    return wrk.format("GET", "/v1/customers?size=50")
  elseif pick == 8 then
    local s = subscriptions[(n % #subscriptions) + 1]
    local status = (n % 20 < 10) and "suspended" or "active"
    return wrk.format("PATCH", "/v1/customers/" .. s[1] .. "/subscriptions/" .. s[2], nil, '{"status":"' .. status .. '"}')
  else
    return wrk.format("POST", "/v1/customers/" .. customer .. "/orders", nil, order)
  end
end
