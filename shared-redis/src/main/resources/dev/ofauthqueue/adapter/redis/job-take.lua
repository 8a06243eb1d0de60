-- Hands one consumer the next item of one connection of a job. An item another consumer has held longer than the
-- lease (it died, or stopped renewing) comes first, so that it is settled; then a new one. An item delivered more
-- than the allowed number of times goes to the dead-letter stream and is acknowledged instead of handed out.
-- Nothing here deletes or trims an entry.
-- KEYS[1]  the stream of the job's items for one connection
-- KEYS[2]  the job's dead-letter stream
-- KEYS[3]  the job's outcomes: an item whose outcome is final already (a process recorded it after its lease) leaves
--          the line here instead of being handed out
-- KEYS[4]  the job's plan: the item's planned entry is handed out with it, saving the taker a round trip
-- KEYS[5]  this take's receipt: what it handed out, kept for a lease. A consumer whose take went unanswered (its reply
--          was lost to a timeout or a broken connection) asks again under the same receipt, and is handed the same
--          item while it still holds it, instead of that item waiting a whole lease for another consumer
-- ARGV[1]  the consumer group
-- ARGV[2]  this consumer
-- ARGV[3]  the lease in milliseconds
-- ARGV[4]  the most deliveries an item may have
-- Returns {kind, entry id, position, deliveries, planned item} with kind 'reclaimed', 'new' or 'dead' (the planned
-- item nil when the plan has no such position, and for 'dead'), or {'none', held, wait}
-- where held counts the items consumers hold (delivered, not acknowledged) and wait is the time in milliseconds until
-- the first of them could be taken over (its holder renews it meanwhile if it lives).
-- XAUTOCLAIM looks at a bounded number of held entries per call: go on from its cursor until one is found or the
-- whole list of held entries was looked at.
local function settled(position)
  local current = redis.call('HGET', KEYS[3], position)
  return current and string.sub(current, 1, 1) == 'F'
end
local function hand(kind, id, position, deliveries)
  redis.call('SET', KEYS[5], kind .. ' ' .. id, 'PX', ARGV[3])
  return {kind, id, position, deliveries, redis.call('HGET', KEYS[4], position)}
end
local receipt = redis.call('GET', KEYS[5])
if receipt then
  local kind, id = string.match(receipt, '^(%a+) (.+)$')
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
  if #pending > 0 and pending[1][2] == ARGV[2] then
    local entry = redis.call('XRANGE', KEYS[1], id, id)[1]
    return hand(kind, id, entry[2][2], pending[1][4])
  end
end
local cursor = '0-0'
local entries = {}
repeat
  local claimed = redis.call('XAUTOCLAIM', KEYS[1], ARGV[1], ARGV[2], ARGV[3], cursor, 'COUNT', 1)
  cursor = claimed[1]
  entries = claimed[2]
  if #entries > 0 and settled(entries[1][2][2]) then
    redis.call('XACK', KEYS[1], ARGV[1], entries[1][1])
    entries = {}
  end
until #entries > 0 or cursor == '0-0'
if #entries > 0 then
  local id = entries[1][1]
  local position = entries[1][2][2]
  local deliveries = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)[1][4]
  if deliveries > tonumber(ARGV[4]) then
    redis.call('XADD', KEYS[2], '*', 'p', position, 'stream', KEYS[1], 'entry', id, 'deliveries', deliveries)
    redis.call('XACK', KEYS[1], ARGV[1], id)
    return {'dead', id, position, deliveries}
  end
  return hand('reclaimed', id, position, deliveries)
end
local entry = nil
repeat
  local read = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[1], '>')
  entry = nil
  if read and read[1] and #read[1][2] > 0 then
    entry = read[1][2][1]
    if settled(entry[2][2]) then
      redis.call('XACK', KEYS[1], ARGV[1], entry[1])
    else
      break
    end
  else
    break
  end
until false
if entry then
  -- An item put back after an unconfirmed outcome is settled by reading, as one taken over is.
  if entry[2][4] == '1' then
    return hand('reclaimed', entry[1], entry[2][2], 1)
  end
  return hand('new', entry[1], entry[2][2], 1)
end
local held = redis.call('XPENDING', KEYS[1], ARGV[1])[1]
if held == 0 then
  return {'none', 0, 0}
end
local idlest = 0
for _, entry in ipairs(redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 100)) do
  if entry[3] > idlest then
    idlest = entry[3]
  end
end
local wait = tonumber(ARGV[3]) - idlest
if wait < 0 then
  wait = 0
end
return {'none', held, wait}
