<?xml version="1.0" encoding="UTF-8"?>
<!-- Makes the RSS and Atom feeds readable when opened in a browser: what the feed is, its address, its items. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>
  <xsl:template match="/">
    <xsl:variable name="title" select="(rss/channel/title | atom:feed/atom:title)[1]"/>
    <xsl:variable name="self" select="(rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href)[1]"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>
          :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
          body { max-width: 44rem; margin: 0 auto; padding: 1rem; background: Canvas; color: CanvasText; }
          .note { border: 1px solid GrayText; border-radius: 6px; padding: 0.75rem 1rem; }
          code { font-size: 0.95em; word-break: break-all; }
          li { margin: 0.5rem 0; }
          small { color: GrayText; }
        </style>
      </head>
      <body>
        <main>
          <p class="note">This is a web feed. To follow it, copy this address into your feed reader:<br/><code><xsl:value-of select="$self"/></code></p>
          <h1><xsl:value-of select="$title"/></h1>
          <p><xsl:value-of select="(rss/channel/description | atom:feed/atom:subtitle)[1]"/></p>
          <p><a href="{(rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href)[1]}">Visit the site</a></p>
          <ol>
            <xsl:for-each select="rss/channel/item | atom:feed/atom:entry">
              <li>
                <a href="{(link | atom:link/@href)[1]}"><xsl:value-of select="(title | atom:title)[1]"/></a>
                <br/><small><xsl:value-of select="(pubDate | atom:published)[1]"/></small>
              </li>
            </xsl:for-each>
          </ol>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
