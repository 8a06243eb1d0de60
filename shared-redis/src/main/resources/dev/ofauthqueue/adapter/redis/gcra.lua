-- One connection's rate budget as GCRA (the generic cell rate algorithm, as in redis-cell) over one key that holds
-- the theoretical arrival time (TAT) in microseconds of Redis's own clock: callers' clocks are never read.
-- KEYS[1]  the connection's budget key
-- ARGV[1]  'take' (reserve the next request's slot) or 'push' (OFAuth answered 429: nothing goes before ARGV[4])
-- ARGV[2]  the emission interval in microseconds (60e6 / requests per minute)
-- ARGV[3]  the burst: how many requests may go at once after a quiet spell
-- ARGV[4]  take: the longest the caller will wait, in microseconds; push: OFAuth's Retry-After in microseconds
-- ARGV[5]  how long the key outlives the budget's last use, in milliseconds
-- Returns {granted (1 or 0), wait in microseconds}. A take that would wait longer than ARGV[4] takes nothing.
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local arg = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]) or 0)
if tat < now then
  tat = now
end
local wait = 0
if ARGV[1] == 'take' then
  local after = tat + interval
  wait = after - interval * burst - now
  if wait < 0 then
    wait = 0
  end
  if wait > arg then
    return {0, wait}
  end
  tat = after
else
  local pushed = now + arg + interval * (burst - 1)
  if pushed <= tat then
    return {1, 0}
  end
  tat = pushed
end
redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.floor((tat - now) / 1000) + tonumber(ARGV[5]))
return {1, wait}
