-- Renews a consumer's lease on the items it holds: an item still held by it under the claim it was given counts as
-- idle from now, without a delivery more. An item another consumer claimed meanwhile is left to that consumer.
-- KEYS[1]  the stream of the job's items for one connection
-- ARGV[1]  the consumer group
-- ARGV[2]  this consumer
-- ARGV[3..] pairs: an entry id it believes it holds, then its claim's fence
-- Returns the entry ids it no longer holds.
local lost = {}
for i = 3, #ARGV, 2 do
  local id = ARGV[i]
  local pending = redis.call('XPENDING', KEYS[1], ARGV[1], id, id, 1)
  if #pending == 1 and pending[1][2] == ARGV[2] and tostring(pending[1][4]) == ARGV[i + 1] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, id, 'JUSTID')
  else
    table.insert(lost, id)
  end
end
return lost
