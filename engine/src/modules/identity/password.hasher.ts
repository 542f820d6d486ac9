import { Injectable } from '@nestjs/common';
import bcrypt from 'bcryptjs';

/** bcrypt, cost 10: pure JavaScript, nothing native to build at install time. */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return bcrypt.hash(password, 10);
  }

  verify(password: string, hash: string): Promise<boolean> {
    return bcrypt.compare(password, hash);
  }
}
