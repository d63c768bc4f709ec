-- POST an order of one license, spread over many customers so that none grows without bound.
-- CUSTOMERS is filled in by bench/run.
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer bench"
wrk.headers["Content-Type"] = "application/json"
local body = '{"lineItems":[{"offerId":"91fd106f-4b2c-4938-95ac-f54f74e9a239","quantity":1}]}'
local customers = CUSTOMERS
local n = 0
request = function()
  n = n + 1
  local customer = customers[(n % #customers) + 1]
  return wrk.format(nil, "/v1/customers/" .. customer .. "/orders", nil, body)
end
