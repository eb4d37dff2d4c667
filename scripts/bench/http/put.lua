-- wrk script: PUT a new ~1 KB document per request, unique ids per connection thread.
local counter = 0
local thread_id = 0
local body = nil
local auth = os.getenv("BENCH_AUTH")

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  local filler = string.rep("lorem ipsum dolor sit amet ", 34)
  body = '{"type":"order","status":"pending","total":123.45,"notes":"' .. filler .. '"}'
end

function request()
  counter = counter + 1
  local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Basic " .. auth }
  return wrk.format("PUT", "/" .. os.getenv("BENCH_DB") .. "/put-" .. tid .. "-" .. counter, headers, body)
end

dofile(os.getenv("BENCH_DIR") .. "/report.lua")
