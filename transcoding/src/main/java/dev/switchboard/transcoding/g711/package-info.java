/** ITU-T G.711 μ-law and A-law: bit-exact tables and stateless frame codecs. JDK only. */
package dev.switchboard.transcoding.g711;
