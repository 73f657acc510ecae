"""Marshmallow schemas of the JSON API: what each endpoint accepts (types, required fields, unknown fields refused)
and answers; the OpenAPI document is generated from them."""
