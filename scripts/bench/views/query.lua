-- wrk script: GET a view query. BENCH_QUERY is the path after /{db}/; a "%KEY%" in it is replaced
-- per request by one of the comma-separated BENCH_KEYS (JSON-quoted and URL-encoded).
local auth = os.getenv("BENCH_AUTH")
local query = os.getenv("BENCH_QUERY")
local keys = {}
for key in string.gmatch(os.getenv("BENCH_KEYS") or "", "[^,]+") do keys[#keys + 1] = key end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local path = query
  if #keys > 0 then path = string.gsub(query, "%%KEY%%", "%%22" .. keys[math.random(1, #keys)] .. "%%22") end
  return wrk.format("GET", "/" .. os.getenv("BENCH_DB") .. "/" .. path, { ["Authorization"] = "Basic " .. auth })
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
