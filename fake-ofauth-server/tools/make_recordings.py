#!/usr/bin/env python3
"""Writes the fake's bundled recording set (src/main/resources/recordings).

The items follow the shape of the `queue` object in OFAuth's "Delete scheduled mass message" page
(shared/spec/delete-scheduled-mass-message.txt): every key of that example is present in every item,
with realistic values instead of "<string>". Deterministic: run it again and the files are identical.

    python3 fake-ofauth-server/tools/make_recordings.py
"""
import json
import os
import random
from datetime import datetime, timedelta, timezone

RECORDED_AT = datetime(2026, 11, 1, 12, 0, 0, tzinfo=timezone.utc)
OUT = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "recordings")
CDN = "https://cdn2.onlyfans.com/files"

rng = random.Random(20261101)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def avatar(uid):
    return {"c50": f"{CDN}/thumbs/c50/{uid}/avatar.jpg", "c144": f"{CDN}/thumbs/c144/{uid}/avatar.jpg"}


def release_form(i, partner):
    uid = 400000 + i
    return {
        "id": 9100 + i,
        "name": f"{partner['name']} release",
        "partnerSource": "tag",
        "type": "user",
        "user": {
            "view": "s",
            "id": uid,
            "name": partner["name"],
            "username": partner["username"],
            "isVerified": True,
            "avatar": f"{CDN}/avatars/{uid}.jpg",
            "avatarThumbs": avatar(uid),
            "ivStatus": "approved",
            "isFromGuest": False,
        },
    }


PARTNERS = [{"name": "Mila Rose", "username": "milarose"}, {"name": "Jay Park", "username": "jaypark_fit"}]


def media_item(mid, kind, created, with_release):
    w, h = (1920, 1080) if kind in ("video", "gif") else (1080, 1350)
    base = f"{CDN}/{mid % 10}/{mid}"
    item = {
        "id": mid,
        "type": kind,
        "convertedToVideo": kind == "gif",
        "canView": True,
        "hasError": False,
        "createdAt": iso(created),
        "isReady": True,
        "releaseForms": [release_form(mid % 7, PARTNERS[mid % 2])] if with_release else [],
        "duration": {"video": 47, "gif": 6, "audio": 95}.get(kind, 0),
        "hasCustomPreview": kind == "video",
        "videoSources": {"240": f"{base}/240p.mp4", "720": f"{base}/720p.mp4"} if kind in ("video", "gif")
        else {"240": None, "720": None},
        "files": {
            "full": {
                "url": f"{base}/full.{'mp4' if kind in ('video', 'gif') else 'mp3' if kind == 'audio' else 'jpg'}",
                "sources": [{"url": f"{base}/full_1080.jpg", "width": w, "height": h, "type": "image/jpeg"}],
                "width": w, "height": h, "size": 1_250_000 + mid % 900_000,
            },
            "thumb": {"url": f"{base}/thumb.jpg", "width": 300, "height": 300, "size": 18_000 + mid % 5000},
            "preview": {
                "url": f"{base}/preview.jpg",
                "options": [{"url": f"{base}/preview_960.jpg", "width": 960, "height": 540, "type": "image/jpeg"}],
                "width": 960, "height": 540, "size": 96_000 + mid % 9000,
            },
            "squarePreview": {"url": f"{base}/square.jpg", "width": 480, "height": 480, "size": 41_000 + mid % 3000},
        },
    }
    return item


TEXTS = [
    ("Good morning loves ☀️ New set drops today, check your DMs!", None, []),
    ("Weekend special: full beach shoot, 40 photos 🌊", "12.00", ["photo", "photo", "photo"]),
    ("Behind the scenes of yesterday's workout 💪", None, ["video"]),
    ("Thank you for 2 years together! Little gift inside 🎁", "0.00", ["photo"]),
    ("Voice note just for you 🎧", "5.00", ["audio"]),
    ("Cozy Sunday vibes, what are you up to?", None, []),
    ("Exclusive: my first ever cooking video 🍝", "8.50", ["video", "photo"]),
    ("Flash sale! Everything in this message 50% off", "4.99", ["photo", "photo"]),
    ("Silly gif of the day 😂", None, ["gif"]),
    ("Full gym routine, step by step", "15.00", ["video", "video"]),
    ("Reminder: live stream tonight at 9pm!", None, []),
    ("Polaroids from Paris 🇫🇷", "9.99", ["photo", "photo", "photo", "photo"]),
    ("New playlist I've been dancing to", None, ["audio"]),
    ("Happy Friday! Tip menu updated 💕", None, []),
    ("Outtakes you were never supposed to see 🙈", "19.99", ["video", "gif"]),
    ("Morning yoga flow, 20 minutes", "6.00", ["video"]),
    ("Answering your questions from last week", None, ["video"]),
    ("Costume vote results are in!", None, ["photo"]),
    ("Private collection: night city shoot", "25.00", ["photo", "photo", "photo"]),
    ("Just saying hi 👋", None, []),
    ("Holiday countdown special 🎄", "3.00", ["photo", "gif"]),
    ("Unboxing my new camera gear", None, ["video"]),
    ("Sunset at the lake, unedited", "7.00", ["photo", "photo"]),
    ("Guess where I am? First right answer gets a surprise", None, ["photo"]),
    ("Bedtime story audio 🌙", "4.00", ["audio"]),
    ("Monthly recap and what's coming next", None, ["photo", "video"]),
    ("Rainy day bundle", "11.00", ["photo", "photo", "video"]),
    ("Thank you for 50k likes! 💖", None, []),
]

SENDER = {"id": 187654321, "name": "Luna Vega"}


def queue_item(mid, text, price, kinds, date, state, reply_to=None, with_release=False):
    created = date - timedelta(days=2, hours=rng.randint(0, 20))
    changed = created + timedelta(hours=rng.randint(1, 30))
    media = [media_item(mid * 10 + i, k, created - timedelta(days=1), with_release and i == 0)
             for i, k in enumerate(kinds)]
    counts = {"video": 0, "photo": 0, "gif": 0, "audio": 0}
    for k in kinds:
        counts[k] += 1
    paid = price is not None and float(price) > 0
    sent = state == "sent"
    audience = 1250
    item = {
        "id": mid,
        "text": text,
        "fromUser": dict(SENDER),
        "media": media,
        "previews": [media[0]["id"]] if paid and media else [],
        "isMediaReady": True,
        "mediaCount": len(media),
        "lockedText": paid and mid % 3 == 0,
        "responseType": "message",
        "giphyId": None,
        "isFree": not paid,
        "isTip": False,
        "isReportedByMe": False,
        "isCouplePeopleMedia": with_release,
        "queueId": 880000 + mid,
        "isMarkdownDisabled": False,
        "releaseForms": None,
        "isFromQueue": True,
        "canUnsendQueue": not sent,
        "unsendSecondsQueue": 0 if sent else 86400,
        "isOpened": sent,
        "isNew": not sent,
        "createdAt": iso(created),
        "changedAt": iso(changed),
        "cancelSeconds": 0 if sent else 3600,
        "isLiked": False,
        "canPurchase": paid,
        "canPurchaseReason": "purchase" if paid else "free",
        "canReport": True,
        "canBePinned": False,
        "isPinned": False,
        "replyToMessage": reply_to,
        "date": iso(date),
        "textCropped": text if len(text) <= 40 else text[:37] + "...",
        "sentCount": audience if sent else 0,
        "viewedCount": (audience * 3) // 5 if sent else 0,
        "canUnsend": False,
        "unsendSeconds": 0,
        "isCanceled": state == "canceled",
        # Zero counts rather than null: the OpenAPI description types mediaTypes as an object (peers saw null;
        # the client reads both).
        "mediaTypes": counts,
        "hasError": state == "failed",
        "price": price if price is not None else "0.00",
        "purchasedCount": (47 if paid else 0) if sent else 0,
        "canSendMessageToBuyers": sent and paid,
    }
    return item


def reply_message():
    """The nested replyToMessage: a full message without the queue statistics fields."""
    base = queue_item(4100, "Which outfit should I wear for Friday's shoot?", None, ["photo"],
                      RECORDED_AT - timedelta(days=3), "sent")
    keep = ["id", "text", "fromUser", "media", "previews", "isMediaReady", "mediaCount", "lockedText",
            "responseType", "giphyId", "isFree", "isTip", "isReportedByMe", "isCouplePeopleMedia", "queueId",
            "isMarkdownDisabled", "releaseForms", "isFromQueue", "canUnsendQueue", "unsendSecondsQueue",
            "isOpened", "isNew", "createdAt", "changedAt", "cancelSeconds", "isLiked", "canPurchase",
            "canPurchaseReason", "canReport", "canBePinned", "isPinned"]
    base["media"][0]["releaseForms"] = [release_form(3, PARTNERS[0])]
    return {k: base[k] for k in keep}


def demo_queue():
    items = []
    mid = 5001
    # Scheduled: 25 in the future, from two hours to four weeks ahead.
    for i in range(25):
        text, price, kinds = TEXTS[i]
        date = RECORDED_AT + timedelta(hours=2 + i * 25)
        reply = reply_message() if mid == 5001 else None
        items.append(queue_item(mid, text, price, kinds, date, "scheduled", reply_to=reply,
                                with_release=(mid == 5001 or i % 6 == 2)))
        mid += 1
    # The first item carries media of every kind so that the demo DELETE shows the whole shape.
    first = items[0]
    created = datetime.fromisoformat(first["createdAt"])
    first["media"] = [media_item(50010 + j, k, created - timedelta(days=1), j == 0)
                      for j, k in enumerate(["photo", "video", "gif", "audio"])]
    first["mediaCount"] = 4
    first["mediaTypes"] = {"video": 1, "photo": 1, "gif": 1, "audio": 1}
    first["price"] = "9.99"
    first["isFree"] = False
    first["canPurchase"] = True
    first["canPurchaseReason"] = "purchase"
    first["previews"] = [50010]
    first["giphyId"] = "3o7TKSjRrfIPjeiVyM"
    first["text"] = "Weekend bundle: photo, video, gif and a voice note 💌"
    first["textCropped"] = "Weekend bundle: photo, video, gif an..."
    # Already sent, one canceled, one failed.
    for j, (text, price, kinds) in enumerate(TEXTS[25:28]):
        items.append(queue_item(mid, text, price, kinds, RECORDED_AT - timedelta(days=1 + j), "sent"))
        mid += 1
    items.append(queue_item(mid, "Oops, wrong photo. Deleted!", None, ["photo"], RECORDED_AT + timedelta(days=2),
                            "canceled"))
    mid += 1
    items.append(queue_item(mid, "Upload failed for this one 😕", "6.00", ["video"],
                            RECORDED_AT - timedelta(hours=5), "failed"))
    return items


def readonly_queue():
    return [queue_item(7001 + i, TEXTS[i + 3][0], TEXTS[i + 3][1], TEXTS[i + 3][2],
                       RECORDED_AT + timedelta(hours=6 + 24 * i), "scheduled") for i in range(4)]


def expired_queue():
    return [queue_item(8001, "Will this ever send?", None, [], RECORDED_AT + timedelta(days=1), "scheduled")]


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main():
    write("queues/conn_demo.json", {"items": demo_queue()})
    write("queues/conn_readonly.json", {"items": readonly_queue()})
    write("queues/conn_expired.json", {"items": expired_queue()})
    write("manifest.json", {
        "format": 1,
        "description": "Bundled demo recordings of the fake OFAuth server. Items are queue objects exactly as "
                       "OFAuth returns them; dates are absolute and the fake's clock starts at recordedAt.",
        "recordedAt": iso(RECORDED_AT).replace("+00:00", "Z"),
        "apiKeys": [{"key": "demo-api-key", "connections": ["conn_demo", "conn_readonly", "conn_expired"]}],
        "connections": [
            {"id": "conn_demo", "permissions": ["messages:read", "messages:write"], "session": "active",
             "queue": "queues/conn_demo.json", "audienceSize": 1250},
            {"id": "conn_readonly", "permissions": ["messages:read"], "session": "active",
             "queue": "queues/conn_readonly.json", "audienceSize": 300},
            {"id": "conn_expired", "permissions": ["messages:read", "messages:write"], "session": "expired",
             "queue": "queues/conn_expired.json", "audienceSize": 10},
        ],
    })


if __name__ == "__main__":
    main()
