"""The validation engine: rules in, findings out, one engine for the button and for DSI."""
