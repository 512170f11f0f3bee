-- The write floor: POST one small form that inserts one row.
-- wrk ... -s insert.lua http://host/_floor/insert

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  counter, unexpected = 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil,
    string.format("name=Floor+%d+%d&email=floor-%d-%d%%40example.org", id, counter, id, counter))
end

function response(status, headers, body)
  if status ~= 204 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("UNEXPECTED %d\n", total))
end
