-- wrk script: GET a random existing document (ids doc-000000 .. doc-<BENCH_DOCS-1>).
local auth = os.getenv("BENCH_AUTH")
local docs = tonumber(os.getenv("BENCH_DOCS"))

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local id = string.format("doc-%06d", math.random(0, docs - 1))
  return wrk.format("GET", "/" .. os.getenv("BENCH_DB") .. "/" .. id, { ["Authorization"] = "Basic " .. auth })
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
