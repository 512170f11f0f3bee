-- POST the registration form, as a browser does after loading it: the session cookie
-- (given with -H "Cookie: ...") and the CSRF token from that form page.
-- wrk ... -s register.lua URL -- <csrf token> <session ids, comma-separated> <group id> <run id>
-- Every request registers a new e-mail address; anything but a redirect is counted.

local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local function encode(text)
  return (text:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  token, group, run = args[1], args[3], args[4]
  sessions = ""
  for sid in string.gmatch(args[2], "[^,]+") do
    sessions = sessions .. "&sessions=" .. sid
  end
  counter, unexpected = 0, 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  counter = counter + 1
  local email = string.format("bench-%s-%d-%d@example.org", run, id, counter)
  local body = "csrf_token=" .. encode(token)
    .. "&full_name=" .. encode(string.format("Bench Person %d %d", id, counter))
    .. "&email=" .. encode(email)
    .. "&organization=" .. encode("Ministry of Labour")
    .. "&position=Counsellor&stakeholder_group=" .. group
    .. "&country=EG&gender=&language=en&accessibility_needs=&list_consent=y"
    .. sessions .. "&submit=Register"
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 302 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("UNEXPECTED %d\n", total))
end
