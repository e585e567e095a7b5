// Copyright 2026 The tablestream Authors.

#include "triggers/python_shim.h"

namespace tablestream {
namespace triggers {

const char* PythonShimSource() {
  return R"PY(
import importlib.util
import json
import os
import socket
import sys
import time
import traceback


class LambdaContext:
    """The context object Lambda passes as a handler's second argument."""

    def __init__(self, c):
        self.function_name = c["function_name"]
        self.function_version = "$LATEST"
        self.invoked_function_arn = c["invoked_function_arn"]
        self.memory_limit_in_mb = "128"
        self.aws_request_id = c["aws_request_id"]
        self.log_group_name = "/aws/lambda/" + c["function_name"]
        self.log_stream_name = "tablestream/" + str(os.getpid())
        self.identity = None
        self.client_context = None
        self._deadline = time.monotonic() + c["timeout_ms"] / 1000.0

    def get_remaining_time_in_millis(self):
        return max(0, int((self._deadline - time.monotonic()) * 1000))


def error_reply(error_type, message, exc=None):
    stack = traceback.format_tb(exc.__traceback__) if exc else []
    return {"ok": False, "errorType": error_type, "errorMessage": message,
            "stackTrace": stack}


def main():
    path, name = sys.argv[1], sys.argv[2]
    channel = socket.socket(fileno=3)
    os.set_inheritable(3, False)
    requests = channel.makefile("rb")

    def send(text):
        data = text.encode("utf-8")
        channel.sendall(b"%d\n" % len(data) + data)

    sys.stdout.reconfigure(line_buffering=True)
    module_name = os.path.splitext(os.path.basename(path))[0]
    try:
        # As Lambda does with the task root: the handler's folder is on the
        # path, so its sibling modules import.
        sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
        spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    except Exception as e:
        traceback.print_exc()
        send(json.dumps(error_reply(
            "Runtime.ImportModuleError",
            "Unable to import module '%s': %s" % (module_name, e), e)))
        return
    handler = getattr(module, name, None)
    if not callable(handler):
        send(json.dumps(error_reply(
            "Runtime.HandlerNotFound",
            "Handler '%s' missing on module '%s'" % (name, module_name))))
        return
    send(json.dumps({"ok": True, "ready": True}))

    while True:
        header = requests.readline()
        if not header:
            return
        request = json.loads(requests.read(int(header)))
        context = LambdaContext(request["context"])
        try:
            result = handler(request["event"], context)
        except Exception as e:
            traceback.print_exc()
            reply = error_reply(type(e).__name__, str(e), e)
            send(json.dumps(reply, default=str))
            continue
        sys.stdout.flush()
        try:
            reply = json.dumps({"ok": True, "response": result},
                               allow_nan=False)
        except (TypeError, ValueError) as e:
            reply = json.dumps(error_reply(
                "Runtime.MarshalError",
                "Unable to marshal response: %s" % e))
        send(reply)


main()
)PY";
}

}  // namespace triggers
}  // namespace tablestream
