"""The inbox (« Corbeille ») of a sandbox: the subscription requests received and each request's page."""
