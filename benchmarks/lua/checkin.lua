-- The check-in desk: POST a ticket code as a scanner types it, with the organizer's session
-- cookie (-H "Cookie: ...") and the CSRF token from the desk page.
-- wrk ... -s checkin.lua URL -- <csrf token> <file of ticket codes, one a line>
-- Each request admits the next code of the file; anything but a redirect is counted.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token = args[1]
  codes = {}
  for line in io.lines(args[2]) do table.insert(codes, line) end
  index, unexpected = (id - 1) * 1000, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  index = index + 1
  local code = codes[(index - 1) % #codes + 1]
  return wrk.format(nil, nil, nil, "csrf_token=" .. token .. "&query=" .. code)
end

function response(status, headers, body)
  if status ~= 302 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("UNEXPECTED %d\n", total))
end
