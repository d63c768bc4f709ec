-- A PATCH suspend/reactivate cycle on one subscription per connection thread.
wrk.method = "PATCH"
wrk.headers["Authorization"] = "Bearer bench"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local status = (n % 2 == 1) and "suspended" or "active"
  return wrk.format(nil, nil, nil, '{"status":"' .. status .. '"}')
end
