-- Records the intent to delete an item before its DELETE is sent: the fence of a process that may send. It succeeds
-- only while this consumer still holds the item under the claim it was given (the entry is pending for it, delivered
-- as many times as when it claimed it) and while the job is running, and renews the claim's lease in the same step
-- (XCLAIM JUSTID: idle from now, no delivery more). An item that already has a final outcome (another process settled
-- it) leaves the line instead.
-- KEYS[1]  the job's record (a hash holding its state)
-- KEYS[2]  the stream of the job's items for the item's connection
-- KEYS[3]  the job's intents
-- KEYS[4]  the job's outcomes
-- ARGV[1]  the consumer group
-- ARGV[2]  this consumer
-- ARGV[3]  the item's stream entry
-- ARGV[4]  the claim's fence: the entry's delivery count when this consumer claimed it
-- ARGV[5]  the item's position
-- ARGV[6]  when (ISO-8601)
-- Returns 'RECORDED', 'NOT_HELD', 'JOB_NOT_RUNNING' (the job was canceled, ended, or is gone) or 'ALREADY_SETTLED'.
local state = redis.call('HGET', KEYS[1], 'state')
if not state then
  return 'JOB_NOT_RUNNING'
end
local pending = redis.call('XPENDING', KEYS[2], ARGV[1], ARGV[3], ARGV[3], 1)
if #pending == 0 or pending[1][2] ~= ARGV[2] or tostring(pending[1][4]) ~= ARGV[4] then
  return 'NOT_HELD'
end
if state ~= 'RUNNING' then
  return 'JOB_NOT_RUNNING'
end
local current = redis.call('HGET', KEYS[4], ARGV[5])
if current and string.sub(current, 1, 1) == 'F' then
  redis.call('XACK', KEYS[2], ARGV[1], ARGV[3])
  return 'ALREADY_SETTLED'
end
redis.call('XCLAIM', KEYS[2], ARGV[1], ARGV[2], 0, ARGV[3], 'JUSTID')
redis.call('HSET', KEYS[3], ARGV[5], ARGV[6])
return 'RECORDED'
