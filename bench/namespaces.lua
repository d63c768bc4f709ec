-- 100-item customer pages, each in a namespace drawn at random from NAMESPACES (ns-1 ... ns-N),
-- so that every namespace's journal fills alike. The count comes as the script's argument.
local namespaces = 1000

function init(args)
   namespaces = tonumber(args[1]) or namespaces
   -- Each thread draws its own sequence: its seed mixes in the address of a fresh table.
   local address = tostring({}):match("0x(%x+)")
   math.randomseed(os.time() + (address and tonumber(address:sub(-6), 16) or 0))
end

function request()
   local headers = {
      ["Authorization"] = "Bearer bench",
      ["X-Mock-Partner"] = "ns-" .. math.random(namespaces),
   }
   return wrk.format("GET", "/v1/customers?size=100", headers)
end
