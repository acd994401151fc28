#!/usr/bin/env python3
"""Two stand-in upstreams for ops/check-deploy's live nginx test: `stub_upstreams.py COMMAND_PORT QUERY_PORT`.

Each answers every method with JSON naming its side and the forwarding headers it received, so the test sees where
nginx routed a request and what it forwarded. Listens on 127.0.0.1 only; runs until killed.
"""
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def handler_for(side):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            remaining = length
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 1 << 20))
                if not chunk:
                    break
                remaining -= len(chunk)
            body = json.dumps({
                "side": side,
                "method": self.command,
                "path": self.path,
                "x_forwarded_for": self.headers.get("X-Forwarded-For"),
                "x_forwarded_proto": self.headers.get("X-Forwarded-Proto"),
                "x_real_ip": self.headers.get("X-Real-IP"),
                "x_request_id": self.headers.get("X-Request-Id"),
                "body_bytes": length,
            }).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Powered-By", "stub")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_HEAD = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = answer

        def log_message(self, *args):
            pass

    return Handler


def main():
    servers = [ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), handler_for("command")),
               ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), handler_for("query"))]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    print("ready", flush=True)
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
