package dev.mallory.registry.archive;

/**
 * One tar header as read (pax and GNU long names already applied).
 *
 * @param name the path as the archive states it (not yet validated)
 * @param type the typeflag: '0' file, '1' hard link, '2' symlink, '3' char dev, '4' block dev,
 *     '5' directory, '6' FIFO, ...
 * @param mode permission bits as stored
 * @param size data bytes following the header
 * @param linkName target of a link entry, else empty
 */
public record TarEntry(String name, char type, int mode, long size, String linkName) {
  public static final char FILE = '0';
  public static final char HARDLINK = '1';
  public static final char SYMLINK = '2';
  public static final char CHAR_DEVICE = '3';
  public static final char BLOCK_DEVICE = '4';
  public static final char DIRECTORY = '5';
  public static final char FIFO = '6';

  public boolean isFile() {
    return type == FILE || type == '\0' || type == '7'; // '7' (contiguous) is a regular file
  }
}
