-- wrk script: GET BENCH_PATH (after /{db}/); "%ID%" in it is replaced per request by a random
-- document id doc-000000 .. doc-(BENCH_DOCS-1), "%TYPE%" by one of the comma-separated BENCH_TYPES.
local auth = os.getenv("BENCH_AUTH")
local path = os.getenv("BENCH_PATH")
local docs = tonumber(os.getenv("BENCH_DOCS"))
local types = {}
for t in string.gmatch(os.getenv("BENCH_TYPES") or "", "[^,]+") do types[#types + 1] = t end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local p = string.gsub(path, "%%ID%%", string.format("doc-%06d", math.random(0, docs - 1)))
  if #types > 0 then p = string.gsub(p, "%%TYPE%%", types[math.random(1, #types)]) end
  return wrk.format("GET", "/" .. os.getenv("BENCH_DB") .. "/" .. p, { ["Authorization"] = "Basic " .. auth })
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
