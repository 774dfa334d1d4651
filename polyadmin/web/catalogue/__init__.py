"""The catalogue of a sandbox: products, product sheets, IPID PDFs and the pricing simulator."""
