"""Input channels (web chat, SMS, Telegram) and the rendering they share."""
