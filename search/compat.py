"""One transport node for both servers the engine talks to: Elasticsearch 8.x and OpenSearch 2.x.

The official client sends ``application/vnd.elasticsearch+json; compatible-with=8`` and refuses any
answer without the ``X-Elastic-Product: Elasticsearch`` header. OpenSearch answers the first with 406
and never sends the second. This node sends the plain media types instead (Elasticsearch 8 accepts
them as well) and accepts a missing product header, so the same settings reach either server; the
engine's requests stay the ones both document.
"""

import re

from elastic_transport import Urllib3HttpNode

_VENDORED = re.compile(r"application/vnd\.elasticsearch\+(json|x-ndjson)\s*;\s*compatible-with=\d+")
PRODUCT_HEADER = "x-elastic-product"


def plain_media_type(value):
    return _VENDORED.sub(lambda m: "application/" + m.group(1), value)


class PlainMediaTypeNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("content-type", "accept"):
                if name in headers:
                    headers[name] = plain_media_type(headers[name])
        response = super().perform_request(method, target, body=body, headers=headers, **kwargs)
        if PRODUCT_HEADER not in response.meta.headers:
            # OpenSearch speaks the same protocol without naming itself Elasticsearch.
            response.meta.headers[PRODUCT_HEADER] = "Elasticsearch"
        return response
