"""Client configuration for Elasticsearch-protocol servers that reject the official client's media types.

The official client sends ``application/vnd.elasticsearch+json; compatible-with=8``. Real
Elasticsearch 8 accepts it; the in-memory stand-in used by the test suite (osmem-server) answers
406. This transport node maps the vendored types back to the plain ones, so the engine itself stays
written for real Elasticsearch. Select it with ``ELASTICSEARCH_NODE_CLASS=search.compat.PlainMediaTypeNode``.
"""

import re

from elastic_transport import Urllib3HttpNode

_VENDORED = re.compile(r"application/vnd\.elasticsearch\+(json|x-ndjson)\s*;\s*compatible-with=\d+")


def plain_media_type(value):
    return _VENDORED.sub(lambda m: "application/" + m.group(1), value)


class PlainMediaTypeNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("content-type", "accept"):
                if name in headers:
                    headers[name] = plain_media_type(headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
